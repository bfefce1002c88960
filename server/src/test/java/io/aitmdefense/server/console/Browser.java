package io.aitmdefense.server.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Debian's chromium and chromedriver, headless, for the console's browser tests. {@code scripts/test.sh} installs
 * them (as root, like PostgreSQL). Without them the tests are skipped on a developer's machine, but in CI
 * ({@code CI=true}) they fail: a browser test that silently skips there would pass a broken console.
 */
final class Browser {
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

    private static Optional<Path> first(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
