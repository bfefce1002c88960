package io.aitmdefense.server.console;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.contain.LocalTenants;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless chromium): the bundled example streamed through the service as
 * {@code aitm serve --demo} does, a responder signing in with the admin token, watching incidents arrive live, filtering
 * the queue, reading an incident's triage and timeline, and acting on it. One service and one browser for the class;
 * the tests run in the order a responder works.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final List<String> VICTIMS = List.of("christie.weber@contoso.example", "lara.fischer@contoso.example",
            "lukas.vance@contoso.example", "sofia.gu@contoso.example");

    static ChromeDriver browser;
    static Path data;
    static Service service;
    static Thread serviceThread;
    static String base;
    static String token;
    static LocalTenant tenant;
    static volatile RuntimeException serviceFailure;
    static final List<String> feedLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(1280);
        data = Files.createTempDirectory("aitm-console-");
        // As --demo, but with a longer quiet spell: after 5 s without records the demo moves the watermark to
        // now − 2 days, after which the example's records are too late, and signing in takes longer than that.
        // Polling starts with the feed (incidentsAppearLiveWithoutAReload).
        // the example's tenant file, connected to respond's local stand-in for Graph and Exchange seeded with Contoso
        tenant = new LocalTenant(Clock.systemUTC());
        Contoso.seed(tenant);
        Path tenantFile = LocalTenants.tenantFile(data, "tenant.yaml", tenant, Contoso.TENANT, "");
        Path serveFile = data.resolve("serve.yaml");
        Files.writeString(serveFile, String.join("\n",
                "data: data",
                "listen: 127.0.0.1:0",
                "config: " + tenantFile.getFileName(),
                "engine: {allowedLateness: 2d, snapshotEvery: 10s, pollEvery: 1s, idleAfter: 20s}",
                "sources:",
                "  - {type: folder, path: inbox}", ""));
        ServeSettings demo = ServeSettings.load(serveFile);
        service = Service.start(demo, Clock.systemUTC(), u -> { });
        serviceThread = new Thread(() -> {
            try {
                service.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                serviceFailure = e;
                throw e;
            }
        });
        serviceThread.setDaemon(true);
        base = "http://127.0.0.1:" + service.port();
        token = Files.readString(data.resolve("data/admin-token")).trim();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (service != null) {
            service.stop();
            if (serviceThread.isAlive()) serviceThread.join(10_000);
            service.close();
        }
        if (tenant != null) tenant.close();
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void signingInWithTheAdminTokenOpensTheQueueAndAWrongTokenIsRefused() {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).as("a page without a session sends to the sign-in").contains("/login?next=");
        signIn("aitm_not-the-token");
        assertThat(browser.findElement(By.id("login-failed")).getText()).contains("not accepted");
        signIn(token);
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("queue-live")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
        assertThat(browser.findElement(By.cssSelector(".who .user")).getText()).startsWith("admin");
    }

    @Test
    @Order(2)
    void incidentsAppearLiveWithoutAReload() throws Exception {
        browser.get(base + "/");
        browser.executeScript("window.__sameDocument = 'yes';");
        serviceThread.start();
        Thread feed = new Thread(new DemoFeed(EXAMPLE.resolve("logs"), data.resolve("inbox"), Duration.ZERO, feedLog::add));
        feed.start();
        wait(120).withMessage(() -> "stored: " + service.database().incidents().list(IncidentQuery.all()).stream()
                        .map(IncidentRow::user).toList() + "; shown: " + rowsUsers() + "; live: "
                        + browser.findElement(By.id("live-state")).getAttribute("class") + "; service: " + serviceFailure
                        + "; feed: " + feedLog.subList(Math.max(0, feedLog.size() - 2), feedLog.size()))
                .until(d -> rowsUsers().containsAll(VICTIMS));
        feed.join();
        assertThat(browser.executeScript("return window.__sameDocument;")).as("the rows came without a page load").isEqualTo("yes");
        assertThat(browser.findElement(By.id("live-state")).getAttribute("class")).contains("connected");
    }

    @Test
    @Order(3)
    void theQueueFiltersBySearchAndSeverityAndCountsEach() {
        browser.get(base + "/");
        int total = rowsUsers().size();
        int counted = browser.findElements(By.cssSelector("[data-count-severity] b")).stream()
                .mapToInt(b -> Integer.parseInt(b.getText())).sum();
        assertThat(counted).as("the severity counts add up to the queue").isEqualTo(total);
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("sofia.gu");
        q.submit();
        wait(10).until(d -> rowsUsers().equals(List.of("sofia.gu@contoso.example")));
        assertThat(browser.getCurrentUrl()).contains("q=sofia.gu");

        browser.get(base + "/");
        String severity = browser.findElement(By.cssSelector("#queue-body tr.incident")).getAttribute("data-severity");
        new Select(browser.findElement(By.id("severity"))).selectByValue(severity);
        wait(10).until(ExpectedConditions.urlContains("severity=" + severity));
        assertThat(browser.findElements(By.cssSelector("#queue-body tr.incident"))).isNotEmpty()
                .allSatisfy(tr -> assertThat(tr.getAttribute("data-severity")).isEqualTo(severity));

        browser.get(base + "/?sort=user");
        assertThat(rowsUsers()).isSorted();
    }

    @Test
    @Order(4)
    void anIncidentShowsTriageFirstAndItsTimelineInTimeOrder() {
        openIncident("lukas.vance@contoso.example");
        List<WebElement> sections = browser.findElements(By.cssSelector("#incident > section"));
        assertThat(sections.get(0).getAttribute("id")).isEqualTo("triage");
        assertThat(browser.findElement(By.id("triage-users")).getText()).contains("lukas.vance@contoso.example");
        assertThat(browser.findElements(By.cssSelector("#triage-network [data-ip]"))).as("addresses to block").isNotEmpty();

        List<WebElement> steps = browser.findElements(By.cssSelector("#steps li.step"));
        assertThat(steps).hasSizeGreaterThan(1);
        List<Instant> times = steps.stream().map(s -> Instant.parse(s.getAttribute("data-time"))).toList();
        assertThat(times).isSorted();
        List<WebElement> points = browser.findElements(By.cssSelector("#attack-timeline g.point"));
        assertThat(points).hasSameSizeAs(steps);
        double previous = -1;
        for (WebElement p : points) {
            double x = Double.parseDouble(p.findElement(By.tagName("circle")).getAttribute("cx"));
            assertThat(x).as("points left to right in time order").isGreaterThan(previous);
            previous = x;
        }
        List<WebElement> records = browser.findElements(By.cssSelector("#evidence details.record"));
        assertThat(records).isNotEmpty().allSatisfy(d -> assertThat(d.getAttribute("open")).isNull());
        records.get(0).findElement(By.tagName("summary")).click();
        assertThat(records.get(0).getText()).contains("record id", "read from");
    }

    @Test
    @Order(5)
    void aResponderApprovesTwoStepsRunsThemAgainstTheTenantAndSeesTheAudit() throws Exception {
        openIncident(Contoso.LUKAS);
        assertThat(browser.findElement(By.id("plan-status")).getText()).isEqualTo("planned");
        assertThat(LocalTenants.rules(tenant, Contoso.LUKAS_ID)).contains(Contoso.ATTACKER_RULE_ID);
        List<String> approve = List.of("rule", "revoke");
        for (WebElement box : browser.findElements(By.cssSelector("#plan-approve input[name=step]"))) {
            if (!approve.contains(box.getAttribute("value"))) box.click();
        }
        browser.findElement(By.id("approve")).click();
        wait(20).until(ExpectedConditions.textToBe(By.id("plan-status"), "approved"));
        assertThat(stepState("rule")).isEqualTo("approved");
        assertThat(stepState("disable")).isEqualTo("planned (dry run)");

        browser.findElement(By.id("run")).click();
        browser.switchTo().alert().accept();
        wait(60).until(d -> List.of("done", "failed").contains(d.findElement(By.id("plan-status")).getText()));
        assertThat(stepState("rule")).startsWith("verified");
        assertThat(stepState("revoke")).startsWith("verified");
        assertThat(LocalTenants.rules(tenant, Contoso.LUKAS_ID)).as("the attacker's rule is gone from the tenant")
                .doesNotContain(Contoso.ATTACKER_RULE_ID);
        List<String> audit = browser.findElements(By.cssSelector("#audit li.audit-entry")).stream().map(WebElement::getText).toList();
        assertThat(audit).anySatisfy(e -> assertThat(e).contains("admin", "approved"))
                .anySatisfy(e -> assertThat(e).contains("rule", "verified"));
        assertThat(browser.findElement(By.id("chain")).getText()).endsWith("intact");
        shot("incident-contained");
    }

    @Test
    @Order(6)
    void aResponderMarksAFalsePositiveWithAReason() {
        openIncident("christie.weber@contoso.example");
        browser.findElement(By.id("fp-reason-input")).sendKeys("the user's own travel router");
        browser.findElement(By.id("false-positive")).click();
        browser.switchTo().alert().accept();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
        assertThat(browser.findElement(By.cssSelector("#state .status")).getText()).isEqualTo("false positive");
        assertThat(browser.findElements(By.cssSelector("#audit li.audit-entry")).stream().map(WebElement::getText))
                .anySatisfy(e -> assertThat(e).contains("admin", "false-positive", "travel router"));
        browser.get(base + "/?status=false-positive");
        assertThat(rowsUsers()).containsExactly("christie.weber@contoso.example");
    }

    @Test
    @Order(7)
    void markupInADisplayNameOrARuleNameIsRenderedInert() {
        Incident hostile = ConsoleFixtures.incidents().incidents().stream()
                .filter(i -> i.user().equals(ConsoleFixtures.HOSTILE_USER)).findFirst().orElseThrow();
        service.database().incidents().save(new IncidentRow(hostile.id(), hostile.tenant(), hostile.userKey(), hostile.user(),
                hostile.severity().label(), "open", hostile.start(), hostile.end(), Instant.now(), 0,
                IncidentsJson.incidentText(hostile)), Set.of("CREATED"));
        browser.get(base + "/?q=mallory");
        assertThat(rowsUsers()).containsExactly(ConsoleFixtures.HOSTILE_USER);
        assertInert();
        browser.findElement(By.cssSelector("#queue-body a.open")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("triage")));
        assertThat(browser.findElement(By.id("triage-forwarding")).getText()).contains(ConsoleFixtures.HOSTILE_RULE);
        assertThat(browser.findElement(By.id("triage-apps")).getText()).contains(ConsoleFixtures.HOSTILE_APP);
        assertInert();
    }

    @Test
    @Order(8)
    void thePagesFitAt1280And800PixelsWide() {
        for (int width : new int[]{1280, 800}) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            for (String page : List.of("/", "/sources")) {
                browser.get(base + page);
                assertNoOverflow(page, width);
            }
            openIncident("lukas.vance@contoso.example");
            assertNoOverflow("incident", width);
            shot("incident-" + width);
            browser.get(base + "/");
            shot("queue-" + width);
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private String stepState(String step) {
        return browser.findElement(By.cssSelector("tr.plan-step[data-step-id='" + step + "'] td.step-state")).getText();
    }

    private void assertNoOverflow(String page, int width) {
        Browser.assertNoOverflow(browser, page, width);
    }

    /** Nothing from the fixture's markup ran or became an element; its text is shown as text. */
    private void assertInert() {
        assertThat(browser.getTitle()).as("the script in the name did not run").isNotEqualTo("pwned");
        assertThat(browser.findElements(By.cssSelector("main img, main script, main svg[onload], main [onerror]"))).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("<script>document.title='pwned'</script>");
    }

    private void openIncident(String user) {
        browser.get(base + "/?q=" + user);
        browser.findElement(By.xpath("//tbody[@id='queue-body']//a[@class='open' and text()='" + user + "']")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("triage")));
    }

    private void signIn(String value) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(value);
        field.submit();
    }

    /** The users of the queue's rows, read in one script call (the live refresh may swap the rows at any moment). */
    @SuppressWarnings("unchecked")
    private List<String> rowsUsers() {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('#queue-body a.open')).map(a => a.textContent);");
    }

    private WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void shot(String name) {
        Browser.shot(browser, name);
    }
}
