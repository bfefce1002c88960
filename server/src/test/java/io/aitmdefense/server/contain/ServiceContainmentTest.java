package io.aitmdefense.server.contain;

import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static io.aitmdefense.respond.Contoso.ATTACKER_RULE_ID;
import static io.aitmdefense.respond.Contoso.LUKAS;
import static io.aitmdefense.respond.Contoso.LUKAS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example streamed through the service with the tenant's automatic-containment policy on: Lukas Vance's
 * incident ends with the attacker's rule removed and his sessions revoked in the local tenant, audited in the store;
 * with the policy off, nothing is written to the tenant.
 */
class ServiceContainmentTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final String AUTO = "respond:\n  auto:\n    detections: [signin-then-persistence]\n    minConfidence: 0.9\n";

    @TempDir
    Path dir;

    @Test
    void anIncidentStreamedThroughTheServiceIsContainedAutomatically() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            Path config = LocalTenants.tenantFile(dir, "tenant.yaml", tenant, Contoso.TENANT, AUTO);
            try (Service service = Service.start(ServeSettings.demo(dir.resolve("data"), 0, dir.resolve("inbox"), config),
                    Clock.systemUTC(), u -> { })) {
                Thread run = stream(service);
                // the incident grows as the stream goes: the first run cuts the sessions, a later one the rule it gains;
                // later runs may follow (a removed rule then reads "not found"), so the audit trail is what tells
                await(() -> lukas(service).filter(i -> verified(service, i.id()).contains("rule")).isPresent(),
                        Duration.ofSeconds(120));
                service.stop();
                run.join(10_000);

                String incident = lukas(service).orElseThrow().id();
                PlanView plan = service.containment().plan(incident);
                assertThat(verified(service, incident)).contains("rule", "revoke", "disable").doesNotContain("grant");
                assertThat(ContainmentTest.outcomes(plan)).containsEntry("grant", "pending");
                assertThat(LocalTenants.rules(tenant, LUKAS_ID)).doesNotContain(ATTACKER_RULE_ID);
                assertThat(tenant.user(LUKAS_ID).path("signInSessionsValidFromDateTime").asText()).isNotEmpty();
                assertThat(service.containment().audit(incident))
                        .anySatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("auto-approved"))
                        .anySatisfy(e -> assertThat(e.path("request").asText()).contains("messageRules/" + ATTACKER_RULE_ID.replace("=", "%3D")));
                assertThat(service.database().audit().verify(Containment.chain(incident)).intact()).isTrue();
            }
        }
    }

    @Test
    void withTheAutomaticPolicyOffNothingIsWrittenToTheTenant() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            Path config = LocalTenants.tenantFile(dir, "tenant.yaml", tenant, Contoso.TENANT, "");
            try (Service service = Service.start(ServeSettings.demo(dir.resolve("data"), 0, dir.resolve("inbox"), config),
                    Clock.systemUTC(), u -> { })) {
                Thread run = stream(service);
                await(() -> service.database().incidents().list(IncidentQuery.all()).size() >= 4, Duration.ofSeconds(120));
                service.stop();
                run.join(10_000);
                assertThat(lukas(service)).isPresent();
                assertThat(tenant.requests()).isEmpty();
                assertThat(service.database().plans().get(Containment.planId(lukas(service).get().id()))).isEmpty();
            }
        }
    }

    private Thread stream(Service service) {
        Path inbox = dir.resolve("inbox");
        Thread run = service.runInBackground();
        new DemoFeed(EXAMPLE.resolve("logs"), inbox, Duration.ZERO, m -> { }).run();
        return run;
    }

    private static Optional<IncidentRow> lukas(Service service) {
        return service.database().incidents().list(IncidentQuery.all()).stream().filter(i -> i.user().equals(LUKAS)).findFirst();
    }

    /** The steps an automatic run removed or changed and then read back as done, from the incident's audit trail. */
    private static List<String> verified(Service service, String incident) {
        return service.containment().audit(incident).stream()
                .filter(e -> "verify".equals(e.path("event").asText()) && "verified".equals(e.path("outcome").asText()))
                .map(e -> e.path("step").asText()).toList();
    }

    private static void await(BooleanSupplier done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(250);
    }
}
