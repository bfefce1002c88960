package io.aitmdefense.server.console;

import io.aitmdefense.server.web.LocalEntra;
import io.aitmdefense.server.web.Role;
import io.aitmdefense.server.web.TestConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Entra sign-in's whole redirect dance in headless chromium: the console on {@code 127.0.0.1}, the stand-in for
 * Entra on {@code localhost}, so to the browser they are two sites as the console and Microsoft are. It proves what a
 * hand-driven HTTP test cannot: that the browser sends the Lax pre-login cookie on Microsoft's redirect back, and that
 * the Strict session cookie set on that cross-site callback is used on the page the person asked for.
 */
class OidcBrowserTest {
    @TempDir
    Path dir;
    ChromeDriver browser;
    LocalEntra entra;
    TestConsole console;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start(1280);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // the redirect URI names the console's port before the console starts
        }
        entra = LocalEntra.startForBrowser(Clock.systemUTC(), "localhost", "http://127.0.0.1:" + port + "/login/oidc/callback");
        var settings = entra.settings(Map.of(Role.RESPONDER, Set.of("Aitm.Responder")));
        console = new TestConsole(dir, port, Clock.systemUTC(), c -> c.withOidc(Optional.of(settings)));
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (console != null) console.close();
        if (entra != null) entra.close();
    }

    @Test
    void signingInWithMicrosoftLandsOnTheAskedForPageSignedInWithTheMappedRole() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        entra.signInAs(LocalEntra.User.withRoles("lee.gu@contoso.example", "Aitm.Responder"));
        browser.get(console.base + "/sources");
        assertThat(browser.getCurrentUrl()).contains("/login?next=%2Fsources");
        browser.findElement(By.linkText("Sign in with Microsoft")).click();
        wait.until(ExpectedConditions.urlContains("/oauth2/v2.0/authorize")); // Entra's page, on another site
        browser.findElement(By.id("continue")).click();
        wait.until(ExpectedConditions.urlToBe(console.base + "/sources"));
        assertThat(browser.findElement(By.cssSelector(".who .user")).getText()).startsWith("lee.gu@contoso.example")
                .contains("responder");
        assertThat(browser.manage().getCookieNamed("aitm_session")).isNotNull()
                .satisfies(c -> assertThat(c.getSameSite()).isEqualTo("Strict"));

        entra.signInAs(LocalEntra.User.withRoles("joni.sherman@contoso.example", "Some.Other.Role"));
        browser.findElement(By.cssSelector(".who button")).click(); // sign out
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.linkText("Sign in with Microsoft")).click();
        wait.until(ExpectedConditions.urlContains("/oauth2/v2.0/authorize"));
        browser.findElement(By.id("continue")).click();
        wait.until(ExpectedConditions.urlContains("refused=no-role"));
        assertThat(browser.findElement(By.id("login-refused")).getText()).contains("none of the console's roles");
        assertThat(browser.manage().getCookieNamed("aitm_session")).as("no session").satisfiesAnyOf(
                c -> assertThat(c).isNull(), c -> assertThat(c.getValue()).isEmpty());
    }
}
