package io.aitmdefense.harden.canary;

import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import io.aitmdefense.harden.apply.AuditTrail;
import io.aitmdefense.posture.canary.CanaryBlock;
import io.aitmdefense.posture.canary.CanaryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canary written into the tenant's company branding through Graph, against the local stand-in: the organization
 * read, the existing custom CSS kept around the canary block, a dry run that writes nothing, a write that is audited
 * and read back, and a second run that has nothing to do.
 */
class BrandingCanaryTest {
    static final String ORG = "84841066-274d-4ec0-a5c1-276be684bdd3";
    static final String CSS = "/v1.0/organization/" + ORG + "/branding/localizations/0/customCSS";
    static final URI IMAGE = URI.create("https://aitm.contoso.example/canary/Q2FuYXJ5VG9rZW4xMjM0NTY3.gif");

    @TempDir
    Path dir;
    LocalMicrosoft ms;
    GraphClient graph;
    final AtomicReference<String> css = new AtomicReference<>(".ext-header { background-color: #0b3d91; }\n");

    @BeforeEach
    void start() {
        ms = LocalMicrosoft.start();
        ms.on("GET", "/v1.0/organization", r -> Reply.json(200, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/"
                + "$metadata#organization(id)\",\"value\":[{\"id\":\"" + ORG + "\"}]}"));
        ms.on("GET", "/v1.0/organization/" + ORG + "/branding", r -> Reply.json(200, "{\"@odata.context\":"
                + "\"https://graph.microsoft.com/v1.0/$metadata#organization('" + ORG + "')/branding/$entity\",\"id\":\"0\","
                + "\"backgroundColor\":\"#FFFFFF\",\"signInPageText\":\"Contoso\",\"usernameHintText\":\"you@contoso.example\","
                + "\"customCSSRelativeUrl\":\"" + ORG + "/logintenantbranding/0/customcss?ts=1\"}"));
        ms.on("GET", CSS, r -> css.get().isEmpty()
                ? Reply.json(404, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"not found\"}}")
                : new Reply(200, java.util.Map.of("Content-Type", "text/css"), css.get()));
        ms.on("PUT", CSS, r -> {
            css.set(r.body());
            return Reply.noContent();
        });
        graph = ms.clients(ms.settingsWithToken()).sleeper(new RecordingSleeper()).build().graph();
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    @Test
    void theCanaryIsMergedIntoTheExistingCssWrittenOnceAuditedAndReadBack() throws Exception {
        BrandingCanary branding = new BrandingCanary(graph);
        BrandingCanary.Change change = branding.plan(IMAGE);
        assertThat(ms.writes()).as("planning only reads").isEmpty();
        assertThat(change.unchanged()).isFalse();
        assertThat(change.wanted()).startsWith(".ext-header { background-color: #0b3d91; }")
                .contains("url(\"" + IMAGE + "\")");

        AuditTrail audit = new AuditTrail(dir.resolve("audit.jsonl"), Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC));
        branding.apply(change, audit);
        assertThat(ms.writes()).singleElement().satisfies(w -> {
            assertThat(w.method() + " " + w.path()).isEqualTo("PUT " + CSS);
            assertThat(w.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
        });
        assertThat(branding.check(Optional.of(IMAGE.toString()))).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CanaryStatus.PRESENT);
            assertThat(c.url()).contains(IMAGE.toString());
            assertThat(c.source()).isEqualTo("graph");
        });
        assertThat(AuditTrail.verify(dir.resolve("audit.jsonl"))).isEmpty();

        assertThat(branding.plan(IMAGE).unchanged()).as("a second run has nothing to write").isTrue();
        URI moved = URI.create("https://aitm2.contoso.example/canary/Q2FuYXJ5VG9rZW4xMjM0NTY3.gif");
        BrandingCanary.Change again = branding.plan(moved);
        assertThat(again.wanted()).contains(moved.toString()).doesNotContain(IMAGE.toString())
                .startsWith(".ext-header { background-color: #0b3d91; }");
        assertThat(branding.check(Optional.of(moved.toString())).status()).as("the tenant still loads the old URL")
                .isEqualTo(CanaryStatus.STALE);
    }

    @Test
    void theCheckSaysAbsentForATenantWithoutCustomCssAndOnlyReads() {
        css.set("");
        assertThat(new BrandingCanary(graph).check(Optional.empty()).status()).isEqualTo(CanaryStatus.ABSENT);
        css.set(".ext-header { background-color: #0b3d91; }\n");
        assertThat(new BrandingCanary(graph).check(Optional.of(IMAGE.toString())).status()).isEqualTo(CanaryStatus.ABSENT);
        assertThat(ms.writes()).isEmpty();
    }

    @Test
    void aTenantWithoutCustomCssGetsTheBlockAloneAndOnlyAnHttpsCanaryUrlIsAccepted() {
        css.set("");
        assertThat(new BrandingCanary(graph).plan(IMAGE).wanted()).startsWith(CanaryCss.BEGIN);
        assertThatThrownBy(() -> CanaryCss.block(URI.create("http://aitm.contoso.example/canary/Q2FuYXJ5VG9rZW4xMjM0NTY3.gif")))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> CanaryCss.block(URI.create("https://x.example/canary/a\");}body{x:y.gif")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removingTheBlockGivesBackTheTenantsOwnCss() {
        String own = ".ext-header { background-color: #0b3d91; }\n";
        String merged = CanaryCss.merge(own, CanaryCss.block(IMAGE));
        assertThat(CanaryCss.without(merged)).isEqualTo(own);
        assertThat(CanaryBlock.url(own)).isEmpty();
    }
}
