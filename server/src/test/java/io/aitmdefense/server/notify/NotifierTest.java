package io.aitmdefense.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.server.api.ExampleIncidents;
import io.aitmdefense.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notifications against a local HTTP server answering as Teams and Slack do, throttling included. */
class NotifierTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONSOLE = "https://aitm.contoso.example/";

    @TempDir
    Path dir;
    HttpServer server;
    Database db;
    final Map<String, List<String>> received = new ConcurrentHashMap<>();
    /** Per path, the statuses to answer before a success (then Teams' "1", Slack's "ok"). */
    final Map<String, Deque<Integer>> failFirst = new ConcurrentHashMap<>();
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        db = Database.embedded(dir.resolve("db"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/teams", "/slack", "/webhook", "/broken")) {
            server.createContext(path, ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
                Deque<Integer> fails = failFirst.getOrDefault(path, new ArrayDeque<>());
                Integer status = fails.poll();
                byte[] answer;
                if (path.equals("/broken")) {
                    status = 400;
                    answer = "invalid_payload".getBytes(StandardCharsets.UTF_8);
                } else if (status == null) {
                    status = 200;
                    answer = (path.equals("/teams") ? "1" : "ok").getBytes(StandardCharsets.UTF_8);
                } else {
                    if (status == 429) ex.getResponseHeaders().add("Retry-After", "7");
                    answer = (status == 429 ? "rate_limited" : "Service Unavailable").getBytes(StandardCharsets.UTF_8);
                }
                ex.sendResponseHeaders(status, answer.length);
                ex.getResponseBody().write(answer);
                ex.close();
            });
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        db.close();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    Notifier notifier(List<NotifyTarget> targets) {
        return new Notifier(targets, CONSOLE, db.suppressions(), HttpClient.newHttpClient(), pauses::add, log::add);
    }

    @Test
    void aNewIncidentReachesTeamsAsAnAdaptiveCardSlackAsBlocksAndAWebhookAsJsonThrottlingRetried() throws Exception {
        Incident incident = ExampleIncidents.detect().get(0);
        failFirst.put("/teams", new ArrayDeque<>(List.of(429)));
        failFirst.put("/slack", new ArrayDeque<>(List.of(503, 502)));
        try (Notifier n = notifier(List.of(new NotifyTarget(NotifyTarget.Channel.TEAMS, "soc", url("/teams")),
                new NotifyTarget(NotifyTarget.Channel.SLACK, "sec-alerts", url("/slack")),
                new NotifyTarget(NotifyTarget.Channel.WEBHOOK, "soar", url("/webhook"))))) {
            n.accept(new IncidentUpdate(incident, Set.of(IncidentUpdate.Change.CREATED, IncidentUpdate.Change.ALERT_ADDED)));
            n.accept(new IncidentUpdate(incident, Set.of(IncidentUpdate.Change.ALERT_ADDED))); // nothing to say
            n.drain();
        }
        String link = "https://aitm.contoso.example/incidents/" + incident.id();

        assertThat(received.get("/teams")).as("one 429, then delivered").hasSize(2);
        JsonNode teams = JSON.readTree(received.get("/teams").get(1));
        assertThat(teams.path("type").asText()).isEqualTo("message");
        JsonNode attachment = teams.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("text").asText())
                .isEqualTo("New " + incident.severity().label() + " incident: " + incident.user());
        assertThat(card.path("body").get(1).path("text").asText()).isNotBlank();
        assertThat(card.path("body").get(2).path("type").asText()).isEqualTo("FactSet");
        assertThat(card.path("actions").get(0).path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo(link);

        assertThat(received.get("/slack")).as("503 and 502, then delivered").hasSize(3);
        JsonNode slack = JSON.readTree(received.get("/slack").get(2));
        assertThat(slack.path("text").asText()).contains(incident.user());
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(slack.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(slack.path("blocks").get(1).path("fields")).hasSize(4);
        JsonNode button = slack.path("blocks").get(2).path("elements").get(0);
        assertThat(button.path("type").asText()).isEqualTo("button");
        assertThat(button.path("url").asText()).isEqualTo(link);

        JsonNode hook = JSON.readTree(received.get("/webhook").get(0));
        assertThat(hook.path("schema").asText()).isEqualTo("aitm.notification/1");
        assertThat(hook.path("event").asText()).isEqualTo("created");
        assertThat(hook.path("incident").path("id").asText()).isEqualTo(incident.id());
        assertThat(hook.path("incident").path("detections")).isNotEmpty();
        assertThat(hook.path("link").asText()).isEqualTo(link);

        assertThat(pauses).as("Teams' Retry-After, then Slack's backoff doubling")
                .containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(log).isEmpty();
    }

    @Test
    void aRefusalIsFinalAndReportedWithoutTheUrlAndASuppressedIncidentIsNotSent() throws Exception {
        List<Incident> example = ExampleIncidents.detect();
        Incident first = example.get(0);
        Incident second = example.get(1);
        ExampleIncidents.store(db, Instant.parse("2026-11-20T09:00:00Z"));
        Set<String> detections = new java.util.TreeSet<>();
        second.alerts().forEach(a -> detections.add(a.detectionId()));
        db.triage().falsePositive(second.id(), "lab account", detections, "rita", Instant.parse("2026-11-20T09:05:00Z"));
        try (Notifier n = notifier(List.of(new NotifyTarget(NotifyTarget.Channel.SLACK, "sec-alerts", url("/broken"))))) {
            n.accept(new IncidentUpdate(first, Set.of(IncidentUpdate.Change.SEVERITY_RAISED)));
            n.accept(new IncidentUpdate(second, Set.of(IncidentUpdate.Change.CREATED)));
            n.drain();
        }
        assertThat(received.get("/broken")).as("a 400 is not retried; the suppressed incident is not sent").hasSize(1);
        assertThat(JSON.readTree(received.get("/broken").get(0)).path("text").asText()).startsWith("Severity raised to");
        assertThat(log).singleElement().satisfies(l -> assertThat(l).contains("slack sec-alerts", "HTTP 400", "invalid_payload")
                .doesNotContain("127.0.0.1", "/broken"));
    }

    @Test
    void logFieldMarkupStaysTextInSlackAndTeams() throws Exception {
        Notification n = new Notification("created", "inc-1", "t", "<https://evil.example|Reset your password>", "high",
                "rule [click](https://evil.example) & more", List.of(), List.of(), 1, "https://aitm/incidents/inc-1");
        JsonNode slack = JSON.readTree(Payloads.slack(n));
        assertThat(slack.path("text").asText()).contains("&lt;https://evil.example|Reset your password&gt;");
        assertThat(slack.findParents("type").stream().filter(t -> t.path("type").asText().equals("mrkdwn")).toList())
                .as("mrkdwn is where Slack makes links; plain_text (the header) shows them as typed")
                .hasSize(5).allSatisfy(t -> assertThat(t.path("text").asText()).doesNotContain("<"));
        assertThat(Payloads.teams(n)).contains("\\\\[click\\\\](https://evil.example)");
    }

    @Test
    void theServeFileNamesWebhookUrlsByFileOrEnvironmentNeverInline() throws Exception {
        Files.writeString(dir.resolve("teams.txt"), "https://contoso.webhook.office.com/webhookb2/abc\n");
        JsonNode list = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree("""
                - {type: teams, name: soc, urlFile: teams.txt}
                - {type: slack, urlEnv: SLACK_HOOK}
                """);
        List<NotifyTarget> targets = NotifyTarget.parse(list, dir, "serve.yaml",
                v -> v.equals("SLACK_HOOK") ? "https://hooks.slack.com/services/T0/B0/xyz" : null);
        assertThat(targets).extracting(NotifyTarget::toString).containsExactly("teams soc", "slack slack-2");
        assertThat(targets.get(0).url().getHost()).isEqualTo("contoso.webhook.office.com");

        assertThatThrownBy(() -> NotifyTarget.parse(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree("- {type: slack, url: https://hooks.slack.com/services/T0/B0/xyz}"), dir, "serve.yaml", v -> null))
                .hasMessageContaining("serve.yaml: notify[0]: url:").hasMessageNotContaining("hooks.slack.com");
        assertThatThrownBy(() -> NotifyTarget.parse(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree("- {type: slack, urlEnv: NOPE}"), dir, "serve.yaml", v -> null))
                .hasMessage("serve.yaml: notify[0]: urlEnv: the environment variable NOPE is not set");
        assertThatThrownBy(() -> NotifyTarget.parse(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree("- {type: pager, urlEnv: X}"), dir, "serve.yaml", v -> "https://x"))
                .hasMessage("serve.yaml: notify[0]: type must be webhook, teams or slack");
    }
}
