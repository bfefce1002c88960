package io.aitmdefense.server.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's chromium and chromedriver, headless, for the console's browser tests. {@code scripts/test.sh} installs
 * them (as root, like PostgreSQL). Without them the tests are skipped on a developer's machine, but in CI
 * ({@code CI=true}) they fail: a browser test that silently skips there would pass a broken console.
 */
final class Browser {
    /** Where the browser tests leave their screenshots, for a person to look at the layout. */
    static final Path SHOTS = Path.of("server/target/console-screenshots");
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Browser() {
    }

    /** A headless chromium of {@code width}×900, or the test skipped (failed under CI) when none is installed. */
    static ChromeDriver start(int width) {
        Optional<Path> chromium = first(CHROMIUM);
        Optional<Path> driver = first(DRIVER);
        if (chromium.isEmpty() || driver.isEmpty()) {
            String why = "chromium and chromedriver are needed for the console's browser tests "
                    + "(apt-get install chromium chromium-driver, or run scripts/test.sh as root)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(why + ": in CI they must run");
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + ",900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.get().toString()))
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().window().setSize(new Dimension(width, 900));
        return d;
    }

    /** The page fits the window's width: no horizontal overflow, and no table that needs sideways scrolling. */
    static void assertNoOverflow(ChromeDriver browser, String page, int width) {
        long inner = (Long) browser.executeScript("return window.innerWidth;");
        long scroll = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(inner).isEqualTo(width);
        assertThat(scroll).as(page + " at " + width + " px has no horizontal overflow").isLessThanOrEqualTo(inner);
        assertThat(browser.executeScript("return Array.from(document.querySelectorAll('.scroll'))"
                + ".filter(e => e.scrollWidth > e.clientWidth).map(e => e.firstElementChild.id || e.firstElementChild.className);"))
                .as(page + " at " + width + " px: tables that need sideways scrolling").asList().isEmpty();
    }

    /** Saves what the browser shows as {@code SHOTS/name.png}. */
    static void shot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> first(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
