package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Event;
import io.aitmdefense.graph.activity.ManagementActivityClient;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The unified-audit-log poller against a local Management Activity API speaking its real shapes and errors. */
class ManagementActivityPollerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String FEED = "/api/v1.0/" + LocalMicrosoft.TENANT + "/activity/feed/";

    LocalMicrosoft ms;
    ManagementActivityClient api;
    final GraphPollerTest.MutableClock clock = new GraphPollerTest.MutableClock(NOW);
    JsonNode records;

    @BeforeEach
    void localApi() throws Exception {
        records = JSON.readTree(Files.readString(Path.of("../shared/data/graph-samples/mgmt-content-blob.json")));
        assertThat(records.size()).isGreaterThanOrEqualTo(2);
        ms = LocalMicrosoft.start();
        api = ms.clients(ms.settingsWithToken()).sleeper(new RecordingSleeper()).build().management();
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    @Test
    void blobsAreFetchedOnceAcrossOverlappingWindowsAndAnExpiredBlobIsCountedNotFatal() {
        ms.script("POST", FEED + "subscriptions/start", Reply.json(400,
                "{\"error\":{\"code\":\"AF20024\",\"message\":\"The subscription is already enabled. No property change.\"}}"));
        String base = ms.baseUri() + FEED;
        // page 1 names blob a and points on with NextPageUri; page 2 names blob b (gone) and blob c, a duplicate of a
        ms.script("GET", FEED + "subscriptions/content",
                new Reply(200, Map.of("NextPageUri", base + "subscriptions/content?page=2"), list(base, "a")),
                new Reply(200, Map.of(), list(base, "b", "c")),
                new Reply(200, Map.of(), list(base, "a", "b", "c")));
        ms.script("GET", FEED + "audit/a", Reply.json(200, records.toString()));
        ms.script("GET", FEED + "audit/b", Reply.json(404, "{\"error\":{\"code\":\"AF20051\",\"message\":\"Content requested with the key b has already expired.\"}}"));
        ms.script("GET", FEED + "audit/c", Reply.json(200, records.toString()));

        ManagementActivityPoller poller = new ManagementActivityPoller("contoso", "Audit.AzureActiveDirectory", api,
                Duration.ofHours(1), Duration.ofHours(6), clock);
        List<Event> got = new ArrayList<>();
        poller.poll(got::add);
        assertThat(got).as("every record of blob a, mapped").hasSize(records.size());
        assertThat(poller.expiredBlobs()).isEqualTo(1);
        assertThat(poller.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("expired"));

        clock.set(NOW.plus(Duration.ofMinutes(20)));
        ManagementActivityPoller restarted = new ManagementActivityPoller("contoso", "Audit.AzureActiveDirectory", api,
                Duration.ofHours(1), Duration.ofHours(6), clock);
        restarted.restore(poller.position());
        restarted.poll(got::add);
        assertThat(got).as("the overlap lists the same blobs again; none is fetched twice").hasSize(records.size());
        assertThat(ms.requests("GET", FEED + "audit/a")).hasSize(1);
        assertThat(ms.writes()).extracting(r -> r.path()).allMatch(p -> p.endsWith("subscriptions/start"));
    }

    @Test
    void aSubscriptionSwitchedOffIsStartedAgain() {
        ms.script("POST", FEED + "subscriptions/start", Reply.sample(200, "mgmt-subscriptions-start.json"));
        ms.script("GET", FEED + "subscriptions/content",
                Reply.json(400, "{\"error\":{\"code\":\"AF20023\",\"message\":\"The subscription was disabled by a tenant admin.\"}}"),
                new Reply(200, Map.of(), "[]"));
        ManagementActivityPoller poller = new ManagementActivityPoller("contoso", "Audit.Exchange", api,
                Duration.ofHours(1), Duration.ofHours(6), clock);
        poller.poll(e -> { });
        assertThat(poller.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("AF20023"));
        poller.poll(e -> { });
        assertThat(poller.status().lastError()).isEmpty();
        assertThat(ms.requests("POST", FEED + "subscriptions/start")).hasSize(2);
    }

    private static String list(String base, String... ids) {
        ArrayNode a = JSON.createArrayNode();
        for (String id : ids) {
            ObjectNode n = a.addObject();
            n.put("contentType", "Audit.AzureActiveDirectory");
            n.put("contentId", id);
            n.put("contentUri", base + "audit/" + id);
            n.put("contentCreated", NOW.minus(Duration.ofMinutes(30)).toString());
            n.put("contentExpiration", NOW.plus(Duration.ofDays(7)).toString());
        }
        return a.toString();
    }
}
