package io.aitmdefense.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.server.notify.NotifyTarget;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example streamed through the service with a webhook configured and a console page listening: every
 * incident the service stores is announced on the event stream and notified with a link to it in the console.
 */
class ServiceNotifyTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void everyStoredIncidentReachesTheOpenEventStreamAndTheWebhookWithItsConsoleLink() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        ServeSettings demo = ServeSettings.demo(data, 0, data.resolve("inbox"), EXAMPLE.resolve("tenant.yaml"));
        ServeSettings settings = new ServeSettings(demo.data(), demo.database(), demo.host(), demo.port(),
                demo.allowedLateness(), demo.snapshotEvery(), demo.pollEvery(), demo.idleAfter(), demo.tenants(), false,
                List.of(new NotifyTarget(NotifyTarget.Channel.WEBHOOK, "soar",
                        URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"))),
                "https://aitm.contoso.example", Optional.empty());
        List<String> stream = new CopyOnWriteArrayList<>();
        try (Service service = Service.start(settings, Clock.systemUTC(), u -> { })) {
            String token = Files.readString(data.resolve("admin-token")).trim();
            HttpResponse<Stream<String>> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/api/v1/events")).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            Thread reader = new Thread(() -> {
                try {
                    events.body().forEach(stream::add);
                } catch (java.io.UncheckedIOException closedAtTheEnd) {
                    // the test closes the stream when it has what it needs
                }
            });
            reader.setDaemon(true);
            reader.start();
            Thread run = service.runInBackground();
            new DemoFeed(EXAMPLE.resolve("logs"), data.resolve("inbox"), Duration.ZERO, m -> { }).run();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // a bound on a hang, not a timing check
            while ((incidents(service).size() < 4 || posted.size() < 4 || announced(stream).size() < 4)
                    && System.nanoTime() < deadline) Thread.sleep(250);
            service.stop();
            run.join(10_000);
            events.body().close();

            Set<String> ids = incidents(service).stream().map(IncidentRow::id).collect(Collectors.toCollection(TreeSet::new));
            assertThat(ids).hasSize(4);
            List<String> created = new java.util.ArrayList<>();
            for (String body : posted) {
                JsonNode n = JSON.readTree(body);
                if (n.path("event").asText().equals("created")) created.add(n.path("incident").path("id").asText());
                assertThat(n.path("link").asText()).isEqualTo("https://aitm.contoso.example/incidents/" + n.path("incident").path("id").asText());
            }
            assertThat(created).as("each incident notified once as created").hasSize(ids.size())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(announced(stream)).as("each incident announced on the event stream").isEqualTo(ids);
        } finally {
            hook.stop(0);
        }
    }

    private static Set<String> announced(List<String> stream) {
        return stream.stream().filter(l -> l.startsWith("data:") && l.contains("CREATED"))
                .map(l -> l.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<IncidentRow> incidents(Service service) {
        return service.database().incidents().list(IncidentQuery.all());
    }
}
