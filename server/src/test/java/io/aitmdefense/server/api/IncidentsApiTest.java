package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.web.TestConsole;
import io.aitmdefense.server.web.WebSecurity;
import io.aitmdefense.store.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    TestConsole console;
    List<Incident> example;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        console = new TestConsole(dir);
        example = ExampleIncidents.store(console.db, TestConsole.NOW);
    }

    @AfterAll
    void stop() {
        console.close();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = console.get(path, console.adminToken);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("incidents").forEach(i -> out.add(i.path("id").asText()));
        return out;
    }

    @Test
    void theQueueCountsPerSeverityAndStatusAndFiltersBySeverityUserDetectionTimeAndText() throws Exception {
        JsonNode all = get("/api/v1/incidents");
        assertThat(all.path("schema").asText()).isEqualTo("aitm.api.incidents/1");
        assertThat(ids(all)).hasSameSizeAs(example).hasSizeGreaterThanOrEqualTo(4);
        assertThat(all.path("counts").path("total").asInt()).isEqualTo(example.size());
        long critical = example.stream().filter(i -> i.severity().label().equals("critical")).count();
        assertThat(critical).as("the example has critical incidents to filter").isPositive();
        assertThat(all.path("counts").path("severity").path("critical").asLong()).isEqualTo(critical);
        assertThat(all.path("counts").path("status").path("open").asInt()).isEqualTo(example.size());
        JsonNode first = all.path("incidents").get(0);
        assertThat(first.has("alerts")).as("the queue leaves the evidence to the detail").isFalse();
        assertThat(first.path("alertCount").asInt()).isPositive();
        assertThat(first.path("status").asText()).isEqualTo("open");

        JsonNode criticals = get("/api/v1/incidents?severity=critical");
        assertThat(ids(criticals)).hasSize((int) critical);
        assertThat(criticals.path("counts").path("total").asInt()).as("counts ignore the severity chip itself")
                .isEqualTo(example.size());

        Incident sofia = example.stream().filter(i -> i.user().startsWith("sofia.gu")).findFirst().orElseThrow();
        assertThat(ids(get("/api/v1/incidents?user=" + sofia.user()))).containsExactly(sofia.id());
        String detection = sofia.alerts().get(0).detectionId();
        List<String> withDetection = example.stream()
                .filter(i -> i.alerts().stream().anyMatch(a -> a.detectionId().equals(detection))).map(Incident::id).toList();
        assertThat(ids(get("/api/v1/incidents?detection=" + detection))).containsExactlyInAnyOrderElementsOf(withDetection);
        String ip = sofia.alerts().stream().flatMap(a -> a.infrastructure().ips().stream()).findFirst().orElseThrow().toString();
        assertThat(ids(get("/api/v1/incidents?q=" + URLEncoder.encode(ip, StandardCharsets.UTF_8))))
                .as("free text finds an incident by an attacker IP").contains(sofia.id());
        assertThat(ids(get("/api/v1/incidents?q=no-such-thing-anywhere"))).isEmpty();

        Incident earliest = example.stream().min(Comparator.comparing(Incident::end)).orElseThrow();
        assertThat(ids(get("/api/v1/incidents?to=" + earliest.start()))).as("to: incidents begun by then").contains(earliest.id());
        assertThat(ids(get("/api/v1/incidents?from=" + earliest.end().plusSeconds(1)))).doesNotContain(earliest.id());

        List<String> byUser = new ArrayList<>();
        get("/api/v1/incidents?sort=user").path("incidents").forEach(i -> byUser.add(i.path("user").asText()));
        assertThat(byUser).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        List<Integer> bySeverity = new ArrayList<>();
        get("/api/v1/incidents?sort=-severity").path("incidents").forEach(i ->
                bySeverity.add(IncidentsApi.SEVERITIES.indexOf(i.path("severity").asText())));
        assertThat(bySeverity).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids(get("/api/v1/incidents?limit=2"))).hasSize(2);

        for (String bad : List.of("severity=urgent", "status=done", "from=yesterday", "sort=colour", "limit=0")) {
            HttpResponse<String> r = console.get("/api/v1/incidents?" + bad, console.adminToken);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains(bad.substring(0, bad.indexOf('=')) + ":");
        }
    }

    @Test
    void aResponderAcknowledgesAssignsMarksAFalsePositiveAndReopensEachAuditedWithTheActor() throws Exception {
        Incident lukas = example.stream().filter(i -> i.user().startsWith("lukas.vance")).findFirst().orElseThrow();
        String base = "/api/v1/incidents/" + lukas.id();
        JsonNode detail = get(base);
        assertThat(detail.path("schema").asText()).isEqualTo("aitm.api.incident/1");
        assertThat(detail.path("alerts")).hasSize(lukas.alerts().size());
        assertThat(detail.path("timeline")).isNotEmpty();
        assertThat(detail.path("incident").path("user").asText()).isEqualTo(lukas.user());
        assertThat(detail.path("state").path("status").asText()).isEqualTo("open");
        assertThat(detail.path("history").get(0).path("changes").get(0).asText()).isEqualTo("CREATED");
        assertThat(console.get("/api/v1/incidents/inc-nope", console.adminToken).statusCode()).isEqualTo(404);

        TestConsole.Browser rita = console.browser(console.user("rita", "responder"));
        assertThat(act(rita, base + "/acknowledge", "").path("state").path("status").asText()).isEqualTo("acknowledged");
        assertThat(act(rita, base + "/assign", "{\"assignee\":\"rita\"}").path("state").path("assignee").asText()).isEqualTo("rita");
        JsonNode fp = act(rita, base + "/false-positive", "{\"reason\":\"<b>pen test</b> by the red team\"}");
        assertThat(fp.path("state").path("status").asText()).isEqualTo("false-positive");
        assertThat(fp.path("state").path("reason").asText()).isEqualTo("<b>pen test</b> by the red team");
        Set<String> detections = new TreeSet<>();
        lukas.alerts().forEach(a -> detections.add(a.detectionId()));
        Set<String> suppressed = new TreeSet<>();
        fp.path("suppressions").forEach(s -> suppressed.add(s.path("detection").asText()));
        assertThat(suppressed).isEqualTo(detections);
        assertThat(fp.path("alerts")).allSatisfy(a -> assertThat(a.path("suppressed").asBoolean()).isTrue());
        assertThat(console.db.suppressions().matching(lukas.tenant(), lukas.userKey(), lukas.alerts().get(0).detectionId()))
                .isPresent();
        assertThat(get("/api/v1/incidents?status=false-positive").path("incidents").get(0).path("id").asText()).isEqualTo(lukas.id());

        JsonNode reopened = act(rita, base + "/reopen", "");
        assertThat(reopened.path("state").path("status").asText()).isEqualTo("open");
        assertThat(reopened.path("alerts")).allSatisfy(a -> assertThat(a.path("suppressed").asBoolean()).isFalse());
        assertThat(reopened.path("suppressions")).allSatisfy(s -> assertThat(s.path("liftedBy").asText()).isEqualTo("rita"));

        AuditLog.Verification chain = console.db.audit().verify(Containment.chain(lukas.id()));
        assertThat(chain.intact()).isTrue();
        List<JsonNode> entries = new ArrayList<>();
        for (AuditLog.Entry e : console.db.audit().entries(Containment.chain(lukas.id()))) entries.add(JSON.readTree(e.entry()));
        assertThat(entries).extracting(e -> e.path("outcome").asText())
                .containsExactly("acknowledged", "assigned", "false-positive", "reopened");
        assertThat(entries).allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("rita"));
        assertThat(entries.get(2).path("message").asText()).contains("pen test");

        HttpResponse<String> noReason = console.post(base + "/false-positive", console.adminToken, "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(console.post("/api/v1/incidents/inc-nope/acknowledge", console.adminToken, "").statusCode()).isEqualTo(404);
    }

    private JsonNode act(TestConsole.Browser who, String path, String body) throws Exception {
        HttpResponse<String> r = console.send(console.request(path).header("Cookie", who.cookie())
                .header(WebSecurity.CSRF_HEADER, who.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
