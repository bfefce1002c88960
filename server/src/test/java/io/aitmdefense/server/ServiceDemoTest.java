package io.aitmdefense.server;

import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code aitm serve --demo} does, in one JVM: the example tenant streamed into the watched folder, served live. */
class ServiceDemoTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");

    @TempDir
    Path data;

    @Test
    void theExampleStreamedThroughTheServiceGivesItsFourVictimsAtTheApi() throws Exception {
        ServeSettings demo = ServeSettings.demo(data, 0, data.resolve("inbox"), EXAMPLE.resolve("tenant.yaml"));
        List<String> updates = new CopyOnWriteArrayList<>();
        try (Service service = Service.start(demo, Clock.systemUTC(), u -> updates.add(u.incident().user()))) {
            Thread run = service.runInBackground();
            new DemoFeed(EXAMPLE.resolve("logs"), data.resolve("inbox"), Duration.ZERO, m -> { }).run();
            // the demo's idle spell (5 s) lets the last timers fire; bounded wait for the fourth victim
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (victims(service).size() < 4 && System.nanoTime() < deadline) Thread.sleep(250);
            service.stop();
            run.join(10_000);

            assertThat(victims(service)).containsExactly("christie.weber@contoso.example", "lara.fischer@contoso.example",
                    "lukas.vance@contoso.example", "sofia.gu@contoso.example");
            assertThat(updates).as("incidents were announced as they changed").isNotEmpty();

            String token = Files.readString(data.resolve("admin-token")).trim();
            HttpClient http = HttpClient.newHttpClient();
            URI incidents = URI.create("http://127.0.0.1:" + service.port() + "/api/v1/incidents");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(incidents)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("sofia.gu@contoso.example", "lukas.vance@contoso.example");
            assertThat(http.send(HttpRequest.newBuilder(incidents).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
        }
    }

    private static Set<String> victims(Service service) {
        return service.database().incidents().list(IncidentQuery.all()).stream().map(IncidentRow::user)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
