package io.aitmdefense.server.canary;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.Simulation;
import io.aitmdefense.simulate.SimulationReport;
import io.aitmdefense.simulate.SimulationSpec;
import io.aitmdefense.simulate.canary.CanaryHits;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.TargetedUser;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated day end to end: {@code aitm simulate} writes the kits' page loads and Microsoft's health loads beside
 * the logs, they are loaded into the service's canary store, the logs stream in, and every victim of a campaign whose
 * kit relayed the sign-in page is named at risk by the canary before the replay of their session is alerted on;
 * each such campaign's domain has its incident, and the user the page was shown to who never signed in is in the
 * truth's campaign view and in no at-risk alert.
 */
class SimulatedCanaryTest {
    static final Instant START = SimulationSpec.DEFAULT_START;

    @TempDir
    Path dir;

    @Test
    void eachProxiedCampaignsVictimsAreNamedAtRiskBeforeTheReplay() throws Exception {
        Path out = dir.resolve("sim");
        SimulationReport sim = Simulation.run(new SimulationSpec(40, 1, 7, 3, List.of(OutputFormat.EVENT_HUBS,
                OutputFormat.MANAGEMENT_API), out, START, false, SimulationSpec.DEFAULT_DOMAIN));
        List<CampaignTruth> proxied = sim.truth().campaigns().stream().filter(c -> !c.pageDomain().isEmpty()).toList();
        assertThat(proxied).as("campaign-01 is Evilginx, campaign-02 a Tycoon-style kit").hasSizeGreaterThanOrEqualTo(2);
        assertThat(sim.truth().campaigns()).filteredOn(c -> c.pageDomain().isEmpty()).as("device-code phishing has no page")
                .isNotEmpty().allSatisfy(c -> assertThat(c.targeted()).isEmpty());
        List<TargetedUser> victims = proxied.stream().flatMap(c -> c.targeted().stream()).filter(TargetedUser::signedIn).toList();
        List<TargetedUser> bystanders = proxied.stream().flatMap(c -> c.targeted().stream()).filter(t -> !t.signedIn()).toList();
        assertThat(victims).isNotEmpty();
        assertThat(bystanders).as("each proxied campaign's page was shown to one who never signed in").hasSameSizeAs(proxied);

        String tenant = sim.truth().tenant().tenantId().toLowerCase(Locale.ROOT);
        ServeSettings demo = ServeSettings.demo(dir.resolve("data"), 0, dir.resolve("inbox"), out.resolve(Simulation.TENANT_CONFIG));
        ServeSettings.TenantSpec spec = demo.tenants().get(0);
        ServeSettings settings = new ServeSettings(demo.data(), demo.database(), demo.host(), 0, demo.allowedLateness(),
                demo.snapshotEvery(), demo.pollEvery(), Duration.ofSeconds(2),
                List.of(new ServeSettings.TenantSpec("", spec.config(), spec.sources(), Optional.of(tenant))));
        // the service lives just after the simulated day: hits and sign-ins are kept for 24 h behind its clock, and
        // once the stream is idle the watermark moves to its clock less the allowed lateness, so the replays' timers fire
        Clock afterTheDay = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START.plus(Duration.ofHours(27))));
        try (Service service = Service.start(settings, afterTheDay, u -> { })) {
            CanaryHitFile.Loaded loaded = CanaryHitFile.load(out.resolve(CanaryHits.FILE), service.database().canaries());
            assertThat(loaded.rejected()).isEmpty();
            assertThat(loaded.kept()).isEqualTo(victims.size() + bystanders.size());
            assertThat(loaded.microsoft()).as("Microsoft's own page: health").isPositive();

            Thread run = service.runInBackground();
            new DemoFeed(Simulation.logs(out), dir.resolve("inbox"), Duration.ZERO, m -> { }).run();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!(victims.stream().allMatch(v -> namedAtRisk(service, v.userPrincipalName()))
                    && victims.stream().filter(v -> followed(service, v.userPrincipalName())).count() > victims.size() / 2)
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            service.stop();
            run.join(10_000);

            int followed = 0;
            for (TargetedUser v : victims) {
                Incident i = incident(service, v.userPrincipalName()).orElseThrow(() -> new AssertionError("no incident for " + v));
                Alert canary = i.alerts().stream().filter(a -> a.detectionId().equals(CanaryWatch.DETECTION)).findFirst()
                        .orElseThrow(() -> new AssertionError(v.userPrincipalName() + " was not named at risk"));
                List<Alert> others = i.alerts().stream().filter(a -> !a.detectionId().equals(CanaryWatch.DETECTION)).toList();
                assertThat(others).as(v.userPrincipalName() + ": at risk before any other alert")
                        .allSatisfy(a -> assertThat(canary.start()).isBefore(a.start()));
                if (!others.isEmpty()) followed++;
            }
            // the log detections do not catch every victim of a one-day tenant; most are, and none before the canary
            assertThat(followed).as("victims whose replay or persistence was alerted after the canary").isGreaterThan(victims.size() / 2);
            List<IncidentRow> all = service.database().incidents().list(IncidentQuery.all());
            for (CampaignTruth c : proxied) {
                assertThat(all).as(c.id()).anySatisfy(r -> assertThat(r.user()).isEqualTo(c.pageDomain()));
            }
            for (TargetedUser b : bystanders) {
                assertThat(namedAtRisk(service, b.userPrincipalName())).as(b + " never signed in through the page").isFalse();
            }
        }
        String truth = Files.readString(sim.truthFile());
        assertThat(truth).contains("\"pageDomain\" : \"" + proxied.get(0).pageDomain() + "\"", "\"signedIn\" : false",
                "\"userPrincipalName\" : \"" + bystanders.get(0).userPrincipalName() + "\"");
    }

    private static boolean namedAtRisk(Service service, String upn) {
        return incident(service, upn).map(i -> i.alerts().stream().anyMatch(a -> a.detectionId().equals(CanaryWatch.DETECTION))).orElse(false);
    }

    private static boolean followed(Service service, String upn) {
        return incident(service, upn).map(i -> i.alerts().stream().anyMatch(a -> !a.detectionId().equals(CanaryWatch.DETECTION))).orElse(false);
    }

    private static Optional<Incident> incident(Service service, String upn) {
        return service.database().incidents().list(IncidentQuery.all()).stream().filter(r -> r.user().equalsIgnoreCase(upn))
                .findFirst().map(r -> {
                    try {
                        return IncidentsJson.readIncident(r.body(), "incident " + r.id());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
