package io.aitmdefense.server.canary;

import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path in one service: the kit loads the canary 71 s before Lara Fischer's credentials go through it
 * (the service's clock stands at that moment), then the example tenant streams in. The proxying domain has its own
 * incident, and Lara's incident begins with the canary's "user at risk" alert, raised to critical by the replay of
 * her session from the kit's hosting network that followed.
 */
class CanaryIncidentTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final String TENANT = "90b61727-a375-48ac-b538-7ef348a59291";
    static final Instant HIT = Instant.parse("2026-01-08T18:10:30Z");

    @TempDir
    Path data;

    @Test
    void theCanaryHitJoinsTheVictimsIncidentBeforeTheReplay() throws Exception {
        ServeSettings demo = ServeSettings.demo(data, 0, data.resolve("inbox"), EXAMPLE.resolve("tenant.yaml"));
        ServeSettings.TenantSpec contoso = demo.tenants().get(0);
        ServeSettings settings = new ServeSettings(demo.data(), demo.database(), demo.host(), 0, demo.allowedLateness(),
                demo.snapshotEvery(), demo.pollEvery(), demo.idleAfter(),
                List.of(new ServeSettings.TenantSpec("", contoso.config(), contoso.sources(), Optional.of(TENANT))))
                .withTrustForwardedFor(true);
        try (Service service = Service.start(settings, Clock.fixed(HIT, ZoneOffset.UTC), u -> { })) {
            HttpResponse<Void> hit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + service.port() + service.canaryPaths().get(TENANT)))
                    .header("Referer", "https://login.micros0ft-auth.example/common/oauth2/v2.0/authorize")
                    .header("X-Forwarded-For", "146.70.186.172").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(hit.statusCode()).isEqualTo(200);
            Thread run = service.runInBackground();
            new DemoFeed(EXAMPLE.resolve("logs"), data.resolve("inbox"), Duration.ZERO, m -> { }).run();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (lara(service).filter(i -> i.body().contains(CanaryWatch.DETECTION)
                    && i.severity().equals("critical")).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            service.stop();
            run.join(10_000);

            List<IncidentRow> all = service.database().incidents().list(IncidentQuery.all());
            assertThat(all).filteredOn(i -> i.user().equals("login.micros0ft-auth.example")).singleElement()
                    .satisfies(i -> assertThat(i.body()).contains("146.70.186.172"));
            IncidentRow lara = lara(service).orElseThrow();
            assertThat(lara.body()).contains(CanaryWatch.DETECTION, "login.micros0ft-auth.example",
                    "\"firstAttackerActivity\":\"2026-01-08T18:10:30Z\"", "\"summary\":\"credential capture → ", " → replay");
            assertThat(lara.severity()).as("raised by what followed the canary").isEqualTo("critical");
        }
    }

    private static Optional<IncidentRow> lara(Service service) {
        return service.database().incidents().list(IncidentQuery.all()).stream()
                .filter(i -> i.user().equals("lara.fischer@contoso.example")).findFirst();
    }
}
