package io.aitmdefense.server.contain;

import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.canary.CanaryWatch;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary's incidents in the service, against the local tenant: the kit loads the canary 71 s before Lara Fischer's
 * credentials go through it, then the example tenant streams in. With {@code respond.auto.onCanaryAtRisk} her sessions
 * are revoked as soon as the canary names her at risk (one revoke, audited as the policy); without it nothing is sent.
 * The proxying domain's incident plans the one step that blocks it in the Tenant Allow/Block List, run on approval.
 */
class CanaryContainmentTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final Instant HIT = Instant.parse("2026-01-08T18:10:30Z");
    static final String LARA = "lara.fischer@contoso.example";
    static final String LARA_ID = "4c3f0e9a-7d1b-4b53-9a43-3e2f7d9c6a10";
    static final String DOMAIN = "login.micros0ft-auth.example";

    @TempDir
    Path dir;

    @Test
    void withTheOptInAUserTheCanaryNamesAtRiskHasTheirSessionsRevokedOnceAndThePageIsBlockedOnApproval() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            tenant.addUser(LARA, LARA_ID, false, Instant.parse("2025-10-01T09:00:00Z"));
            try (Service service = start(tenant, "respond:\n  exchange: true\n  auto:\n    onCanaryAtRisk: revoke-sessions\n")) {
                Thread run = stream(service);
                await(() -> revokes(tenant, LARA_ID) >= 1 && lara(service).filter(i -> i.severity().equals("critical")).isPresent(),
                        Duration.ofSeconds(120));
                service.stop();
                run.join(10_000);
                service.containment().close(); // lets an automatic run in flight finish

                assertThat(revokes(tenant, LARA_ID)).as("one revoke for Lara, however often her incident grew").isEqualTo(1);
                assertThat(tenant.writes()).as("nothing but revokes is written automatically")
                        .allSatisfy(w -> assertThat(w.path()).endsWith("/revokeSignInSessions"));
                IncidentRow lara = lara(service).orElseThrow();
                assertThat(ContainmentTest.outcomes(service.containment().plan(lara.id())))
                        .containsEntry("revoke", "verified").containsEntry("disable", "pending");
                assertThat(service.containment().audit(lara.id())).anySatisfy(e -> {
                    assertThat(e.path("actor").asText()).isEqualTo("policy:respond.auto");
                    assertThat(e.path("outcome").asText()).isEqualTo("auto-approved");
                    assertThat(e.path("approval").asText()).isEqualTo("auto:onCanaryAtRisk");
                });

                IncidentRow page = service.database().incidents().list(IncidentQuery.all()).stream()
                        .filter(i -> i.user().equals(DOMAIN)).findFirst().orElseThrow();
                PlanView plan = service.containment().plan(page.id());
                assertThat(plan.plan().path("plan").path("steps").findValuesAsText("id")).containsExactly("block-url");
                assertThat(plan.plan().path("plan").toString()).contains(LARA);
                int before = tenant.writes().size();
                service.containment().approve(plan.id(), List.of("block-url"), "analyst:test");
                assertThat(ContainmentTest.outcomes(service.containment().run(plan.id(), "analyst:test")))
                        .containsEntry("block-url", "verified");
                assertThat(tenant.urlEntries()).extracting(e -> e.path("Value").asText()).containsExactly(DOMAIN);
                assertThat(ContainmentTest.outcomes(service.containment().run(plan.id(), "analyst:test")))
                        .as("a repeat").containsEntry("block-url", "already-done");
                assertThat(tenant.writes()).hasSize(before + 1);
                assertThat(service.database().audit().verify(Containment.chain(page.id())).intact()).isTrue();
            }
        }
    }

    @Test
    void withoutTheOptInNothingIsSentToTheTenant() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            tenant.addUser(LARA, LARA_ID, false, Instant.parse("2025-10-01T09:00:00Z"));
            try (Service service = start(tenant, "")) {
                Thread run = stream(service);
                await(() -> lara(service).filter(i -> i.body().contains(CanaryWatch.DETECTION)
                        && i.severity().equals("critical")).isPresent(), Duration.ofSeconds(120));
                service.stop();
                run.join(10_000);
                assertThat(lara(service).orElseThrow().body()).contains(CanaryWatch.DETECTION);
                assertThat(tenant.requests()).isEmpty();
            }
        }
    }

    private Service start(LocalTenant tenant, String respond) throws Exception {
        Path config = LocalTenants.tenantFile(dir, "tenant.yaml", tenant, Contoso.TENANT, respond);
        ServeSettings demo = ServeSettings.demo(dir.resolve("data"), 0, dir.resolve("inbox"), config);
        ServeSettings.TenantSpec contoso = demo.tenants().get(0);
        ServeSettings settings = new ServeSettings(demo.data(), demo.database(), demo.host(), 0, demo.allowedLateness(),
                demo.snapshotEvery(), demo.pollEvery(), demo.idleAfter(),
                List.of(new ServeSettings.TenantSpec("", contoso.config(), contoso.sources(), Optional.of(Contoso.TENANT))))
                .withTrustForwardedFor(true);
        Service service = Service.start(settings, Clock.fixed(HIT, ZoneOffset.UTC), u -> { });
        HttpResponse<Void> hit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.port() + service.canaryPaths().get(Contoso.TENANT)))
                .header("Referer", "https://" + DOMAIN + "/common/oauth2/v2.0/authorize")
                .header("X-Forwarded-For", "146.70.186.172").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(hit.statusCode()).isEqualTo(200);
        return service;
    }

    private Thread stream(Service service) {
        Thread run = service.runInBackground();
        new DemoFeed(EXAMPLE.resolve("logs"), dir.resolve("inbox"), Duration.ZERO, m -> { }).run();
        return run;
    }

    private static long revokes(LocalTenant tenant, String userId) {
        return tenant.requests().stream().filter(r -> r.method().equals("POST") && (r.path().contains("/users/" + userId + "/revokeSignInSessions")
                || r.path().contains("/users/" + LARA + "/revokeSignInSessions"))).count();
    }

    private static Optional<IncidentRow> lara(Service service) {
        return service.database().incidents().list(IncidentQuery.all()).stream().filter(i -> i.user().equals(LARA)).findFirst();
    }

    private static void await(BooleanSupplier done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(250);
    }
}
