package io.aitmdefense.server.console;

import io.aitmdefense.posture.assess.Control;
import io.aitmdefense.posture.assess.KillChainStep;
import io.aitmdefense.server.api.HardenFixture;
import io.aitmdefense.server.api.ServerContext;
import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.server.web.TestConsole;
import io.aitmdefense.server.web.WebSecurity;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posture, harden and sources pages in a real browser (headless chromium), read by a viewer: a public
 * Conditional Access baseline as the serve file's export, a simulated tenant's sign-in logs with the planned
 * policies report-only as the gate's input, and a source whose status changes while the sources page is open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostureHardenBrowserTest {
    static final String TOKEN_PROTECTION = "AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps";

    static ChromeDriver browser;
    static Path dir;
    static TestConsole console;
    static String viewerToken;
    static final AtomicReference<List<SourceStatus>> SOURCES = new AtomicReference<>(List.of());

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(1280);
        dir = Files.createTempDirectory("aitm-posture-");
        Path logs = HardenFixture.signIns(dir.resolve("fixture"));
        SOURCES.set(List.of(source(5, Optional.empty())));
        console = new TestConsole(dir.resolve("console"), c -> new ServerContext(c.host(), c.port(), c.db(), SOURCES::get,
                c.clock(), c.events(), c.publicUrl(), Optional.of(HardenFixture.source(List.of(logs))), c.containment(), c.canary(), c.oidc()));
        viewerToken = console.user("vera", "viewer");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (console != null) console.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static SourceStatus source(long delivered, Optional<String> error) {
        Instant now = Instant.now();
        return new SourceStatus("folder:inbox", "folder", delivered, 0, Optional.of(now), Optional.of(now.minusSeconds(600)), error);
    }

    @Test
    @Order(1)
    void theNewPagesAndTheHardenApiAreRefusedWithoutASession() throws Exception {
        List<String> registered = console.api.routes().stream().map(Object::toString).toList();
        assertThat(registered).contains("GET /posture", "GET /harden", "GET /api/v1/harden", "GET /api/v1/posture");
        for (String path : List.of("/posture", "/harden", "/api/v1/harden", "/api/v1/posture")) {
            assertThat(WebSecurity.isPublic(HandlerType.GET, path)).as(path).isFalse();
            HttpResponse<String> r = console.send(console.request(path));
            if (path.startsWith("/api/")) {
                assertThat(r.statusCode()).as(path).isEqualTo(401);
            } else {
                assertThat(r.statusCode()).as(path).isEqualTo(303);
                assertThat(r.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));
            }
        }
    }

    @Test
    @Order(2)
    void aViewerSignsInAndReadsThePostureMatrixScoreAndFindings() {
        browser.get(console.base + "/posture");
        WebElement field = browser.findElement(By.id("token"));
        field.sendKeys(viewerToken);
        field.submit();
        wait(20).until(ExpectedConditions.presenceOfElementLocated(By.id("posture-matrix")));
        assertThat(browser.getCurrentUrl()).isEqualTo(console.base + "/posture");
        assertThat(browser.findElement(By.cssSelector(".who .role")).getText()).isEqualTo("viewer");
        assertThat(browser.findElements(By.cssSelector("#posture-matrix tbody tr"))).hasSize(KillChainStep.values().length);
        assertThat(browser.findElements(By.cssSelector("#posture-matrix thead th"))).hasSize(Control.values().length + 1);
        assertThat(browser.findElements(By.cssSelector("#posture-matrix td.cell-enforced"))).as("the baseline enforces something")
                .isNotEmpty();
        assertThat(browser.findElement(By.id("score-total")).getText()).matches("\\d+(\\.5)?");
        List<WebElement> findings = browser.findElements(By.cssSelector("#findings li.finding"));
        assertThat(findings).isNotEmpty();
        List<Integer> ranks = findings.stream().map(f -> List.of("critical", "high", "medium", "low", "info")
                .indexOf(f.getAttribute("data-severity"))).toList();
        assertThat(ranks).as("most severe first").isSorted().doesNotContain(-1);
        findings.get(0).findElement(By.tagName("summary")).click();
        assertThat(findings.get(0).findElement(By.cssSelector(".fix")).getText()).startsWith("Fix:");
        assertThat(browser.findElement(By.cssSelector("nav a.current")).getText()).isEqualTo("Posture");
    }

    @Test
    @Order(3)
    void theHardenPageShowsTheSetItsRingsAndTheGatesHoldWithTheBlockingRows() {
        browser.get(console.base + "/harden");
        wait(60).until(ExpectedConditions.presenceOfElementLocated(By.id("harden-policies")));
        WebElement tp = browser.findElement(By.cssSelector("#harden-policies tr.harden-policy[data-name='" + TOKEN_PROTECTION + "']"));
        assertThat(tp.findElement(By.cssSelector("td.ring")).getAttribute("data-ring")).isEqualTo("pilot");
        assertThat(tp.getText()).contains("hold");
        WebElement gate = browser.findElement(By.cssSelector(".gate-policy[data-name='" + TOKEN_PROTECTION + "']"));
        assertThat(gate.getAttribute("data-verdict")).isEqualTo("hold");
        List<WebElement> blocking = gate.findElements(By.cssSelector("tr.blocking-row"));
        assertThat(blocking).isNotEmpty();
        assertThat(blocking.stream().map(WebElement::getText)).anySatisfy(t -> assertThat(t).contains("Microsoft Office"));
        assertThat(browser.findElement(By.id("score-after")).getText()).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("main button, main form"))).as("a viewer gets nothing to press").isEmpty();
    }

    @Test
    @Order(4)
    void theSourcesPageFollowsASourceWithoutAReload() {
        browser.get(console.base + "/sources");
        browser.executeScript("window.__sameDocument = 'yes';");
        wait(10).until(ExpectedConditions.attributeContains(By.id("live-state"), "class", "connected"));
        assertThat(cell("folder:inbox", 3)).isEqualTo("5");
        SOURCES.set(List.of(source(9, Optional.of("inbox/x.json:3: not a sign-in log"))));
        wait(30).until(d -> cell("folder:inbox", 3).equals("9"));
        assertThat(browser.findElement(By.cssSelector("tr.source[data-name='folder:inbox'] td:last-child")).getText())
                .contains("x.json:3");
        assertThat(browser.findElement(By.id("sources-health")).getText()).contains("1 of 1");
        assertThat(browser.findElement(By.cssSelector("tr.source[data-name='folder:inbox'] td.lag")).getText()).endsWith("min");
        assertThat(browser.executeScript("return window.__sameDocument;")).as("updated without a page load").isEqualTo("yes");
    }

    @Test
    @Order(5)
    void thePagesFitAt1280And800PixelsWide() {
        for (int width : new int[]{1280, 800}) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            for (String page : List.of("/posture", "/harden", "/sources")) {
                browser.get(console.base + page);
                Browser.assertNoOverflow(browser, page, width);
                shot(page.substring(1) + "-" + width);
            }
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** The text of a source row's cell (1-based), read in one script call: the live refresh may swap the table any time. */
    private String cell(String source, int column) {
        Object text = browser.executeScript("var r = document.querySelector(\"tr.source[data-name='\" + arguments[0] + \"']\");"
                + "return r ? r.children[arguments[1] - 1].textContent : '';", source, column);
        return String.valueOf(text);
    }

    private WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void shot(String name) {
        Browser.shot(browser, name);
    }
}
