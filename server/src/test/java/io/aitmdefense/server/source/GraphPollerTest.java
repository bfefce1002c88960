package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordedRequest;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller against a local Graph that behaves like the real one: newest-first pages of two with next links, a
 * record visible only from the moment Graph has it (latency), a 429 on the way.
 */
class GraphPollerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final Pattern WINDOW = Pattern.compile("createdDateTime ge (\\S+) and createdDateTime le (\\S+)");

    LocalMicrosoft ms;
    GraphClient graph;
    final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    /** The tenant's sign-ins: created at, visible in Graph from. */
    final List<ObjectNode> log = new CopyOnWriteArrayList<>();
    final AtomicBoolean throttleNext = new AtomicBoolean();

    @BeforeEach
    void localGraph() throws Exception {
        JsonNode sample = JSON.readTree(Files.readString(Path.of("../shared/data/graph-samples/signins-list-v1.json")))
                .path("value").get(0);
        assertThat(sample.path("id").asText()).isNotEmpty();
        ms = LocalMicrosoft.start();
        ms.on("GET", "/v1.0/auditLogs/signIns", r -> page(r, sample));
        graph = ms.clients(ms.settingsWithToken()).sleeper(new RecordingSleeper()).build().graph();
        for (int i = 0; i < 7; i++) add(sample, "r" + i, T0.plusSeconds(600 + i * 60), T0.plusSeconds(600 + i * 60 + 120));
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    @Test
    void overlappingWindowsDeliverEachSignInOnceAndALateOneIsCaughtByTheLatePass() {
        clock.set(T0.plus(Duration.ofMinutes(40)));
        GraphPoller poller = poller(100);
        List<Event> got = new ArrayList<>();
        poller.poll(got::add);
        assertThat(ids(got)).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6");
        assertThat(got).allMatch(e -> e instanceof SignIn s && s.userPrincipalName().equals("testaccount1@contoso.com"));

        // Graph shows a sign-in of 08:12 only at 09:00 (its latency can reach hours)
        add(log.get(0), "late", T0.plusSeconds(720), T0.plus(Duration.ofMinutes(60)));
        clock.set(T0.plus(Duration.ofMinutes(65)));
        poller.poll(got::add);
        assertThat(ids(got)).as("the regular window reaches back only 10 minutes").doesNotContain("late");
        clock.set(T0.plus(Duration.ofMinutes(75)));
        poller.poll(got::add);
        assertThat(ids(got)).as("the late pass reaches back 2 hours, and repeats nothing").containsOnlyOnce("late", "r0", "r6");
        assertThat(poller.status().delivered()).isEqualTo(8);
        assertThat(poller.status().lastError()).isEmpty();
    }

    @Test
    void aRestartMidWindowResumesFromTheStoredNextLinkWithoutLossOrRepeat() {
        GraphPoller first = poller(1); // one request per poll: stops after each page
        List<Event> got = new ArrayList<>();
        clock.set(T0.plus(Duration.ofMinutes(40)));
        first.poll(got::add);
        assertThat(got).hasSize(2);
        String position = first.position();
        assertThat(position).contains("nextLink");

        GraphPoller restarted = poller(1);
        restarted.restore(position);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(11));
            restarted.poll(got::add);
        }
        assertThat(ids(got)).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6");
    }

    @Test
    void aThrottledPageIsRetriedAndTheBudgetCapsRequestsPerTenant() {
        GraphPoller poller = poller(5);
        throttleNext.set(true);
        List<Event> got = new ArrayList<>();
        clock.set(T0.plus(Duration.ofMinutes(40)));
        poller.poll(got::add);
        assertThat(ids(got)).hasSize(7);
        List<RecordedRequest> requests = ms.requests("GET", "/v1.0/auditLogs/signIns");
        assertThat(requests).hasSize(5); // one 429 and four pages of two
        assertThat(requests.get(0).param("$filter")).hasValue(
                "createdDateTime ge 2026-11-19T08:50:00Z and createdDateTime le 2026-11-20T08:30:00Z");
    }

    private GraphPoller poller(int budget) {
        return new GraphPoller("contoso", GraphPoller.Log.SIGN_INS, graph,
                new RequestBudget(budget, Duration.ofSeconds(10), clock), GraphPoller.Timing.DEFAULT, clock);
    }

    private void add(JsonNode sample, String id, Instant created, Instant visible) {
        ObjectNode r = ((ObjectNode) sample).deepCopy();
        r.put("id", id);
        r.put("createdDateTime", created.toString());
        r.put("visibleAt", visible.toString());
        log.add(r);
    }

    private Reply page(RecordedRequest r, JsonNode sample) {
        if (throttleNext.getAndSet(false)) return Reply.throttled("0.5");
        Matcher m = WINDOW.matcher(r.param("$filter").orElse(""));
        if (!m.find()) return Reply.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"no window\"}}");
        Instant from = Instant.parse(m.group(1)), to = Instant.parse(m.group(2));
        int skip = Integer.parseInt(r.param("$skiptoken").orElse("0"));
        List<ObjectNode> visible = log.stream()
                .filter(x -> !Instant.parse(x.get("visibleAt").asText()).isAfter(clock.instant()))
                .filter(x -> { Instant t = Instant.parse(x.get("createdDateTime").asText());
                    return !t.isBefore(from) && !t.isAfter(to); })
                .sorted((a, b) -> b.get("createdDateTime").asText().compareTo(a.get("createdDateTime").asText()))
                .toList();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (int i = skip; i < Math.min(skip + 2, visible.size()); i++) {
            ObjectNode copy = visible.get(i).deepCopy();
            copy.remove("visibleAt");
            value.add(copy);
        }
        if (skip + 2 < visible.size()) {
            body.put("@odata.nextLink", ms.baseUri() + "/v1.0/auditLogs/signIns?$filter="
                    + java.net.URLEncoder.encode(r.param("$filter").get(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20") + "&$skiptoken=" + (skip + 2));
        }
        return Reply.json(200, body.toString());
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(e -> ((SignIn) e).id().toString()).toList();
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
