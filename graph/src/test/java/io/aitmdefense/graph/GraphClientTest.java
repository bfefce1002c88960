package io.aitmdefense.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.graph.http.PagingException;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordedRequest;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import io.aitmdefense.graph.http.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalMicrosoft ms;
    RecordingSleeper sleeper;
    GraphClient graph;

    @BeforeAll
    static void start() {
        ms = LocalMicrosoft.start();
    }

    @AfterAll
    static void stop() {
        ms.close();
    }

    @BeforeEach
    void client() {
        sleeper = new RecordingSleeper();
        graph = ms.clients(ms.settingsWithToken()).sleeper(sleeper)
                .retry(RetryPolicy.defaults().withJitter(() -> 0.5)).build().graph();
    }

    /** The sign-ins of the v1.0 sample, one per page, over three pages linked by $skiptoken. */
    @Test
    void pagesAreFollowedToTheEndWithTheHeadersResentOnEachPage() throws Exception {
        JsonNode sample = JSON.readTree(Files.readString(Reply.SAMPLES.resolve("signins-list-v1.json")));
        JsonNode signIn = sample.path("value").get(0);
        ms.on("GET", "/v1.0/auditLogs/signIns", r -> {
            int page = Integer.parseInt(r.param("$skiptoken").orElse("1"));
            var body = JSON.createObjectNode();
            body.put("@odata.context", sample.path("@odata.context").asText());
            if (page < 3) {
                body.put("@odata.nextLink", ms.baseUri() + "/v1.0/auditLogs/signIns?$top=1&$skiptoken=" + (page + 1));
            }
            body.putArray("value").add(signIn.deepCopy()).get(0);
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("value").get(0)).put("id", "page-" + page);
            return Reply.json(200, body.toString());
        });
        GraphRequest first = GraphRequest.get("/auditLogs/signIns")
                .query("$filter", "createdDateTime ge 2025-03-01T00:00:00Z and userPrincipalName eq 'jane@contoso.example'")
                .query("$top", "1").eventualConsistency();

        List<JsonNode> all = graph.list(first);

        assertThat(all).extracting(n -> n.path("id").asText()).containsExactly("page-1", "page-2", "page-3");
        assertThat(all.get(0).path("userPrincipalName").asText()).isEqualTo(signIn.path("userPrincipalName").asText());
        List<RecordedRequest> reads = ms.requests("GET", "/v1.0/auditLogs/signIns");
        assertThat(reads).hasSize(3);
        assertThat(reads.get(0).param("$filter")).contains("createdDateTime ge 2025-03-01T00:00:00Z and userPrincipalName eq 'jane@contoso.example'");
        assertThat(reads).allSatisfy(r -> assertThat(r.header("ConsistencyLevel")).contains("eventual"));
        assertThat(ms.writes()).isEmpty();
    }

    @Test
    void aNextLinkThatRepeatsStopsTheLoop() {
        ms.on("GET", "/v1.0/users", r -> Reply.json(200, "{\"value\":[{\"id\":\"" + r.query() + "\"}],"
                + "\"@odata.nextLink\":\"" + ms.baseUri() + "/v1.0/users?$skiptoken=same\"}"));
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> graph.pages(GraphRequest.get("/users"), p -> seen.add(p.path("value").get(0).path("id").asText())))
                .isInstanceOfSatisfying(PagingException.class, e -> {
                    assertThat(e.pagesRead()).isEqualTo(2);
                    assertThat(e).hasMessage("GET /users: the next link repeats a page already read (/v1.0/users); stopped after 2 pages");
                });
        assertThat(seen).containsExactly("", "$skiptoken=same");
    }

    @Test
    void paging_isCappedAndNeverCarriesTheTokenToAnotherHost() {
        AtomicInteger n = new AtomicInteger();
        ms.on("GET", "/v1.0/groups", r -> Reply.json(200, "{\"value\":[],\"@odata.nextLink\":\"" + ms.baseUri()
                + "/v1.0/groups?$skiptoken=" + n.incrementAndGet() + "\"}"));
        assertThatThrownBy(() -> graph.withMaxPages(3).list(GraphRequest.get("/groups")))
                .isInstanceOfSatisfying(PagingException.class, e -> assertThat(e.pagesRead()).isEqualTo(3))
                .hasMessageContaining("cap of 3 pages");

        ms.script("GET", "/v1.0/devices", Reply.json(200, "{\"value\":[],\"@odata.nextLink\":\"https://graph.attacker.example/v1.0/devices?$skiptoken=x\"}"));
        assertThatThrownBy(() -> graph.list(GraphRequest.get("/devices"))).isInstanceOf(PagingException.class)
                .hasMessageContaining("leads to https://graph.attacker.example");
    }

    /**
     * 25 items: split 20 + 5; item 3 is refused (403), item 4 depends on it (424); items 7, 12 and 22 are throttled
     * once (Retry-After 0.249, 1.5, none) and item 8 depends on 7. Only 7, 12, 22 and 8 are sent again, in one batch,
     * after the longest wait; answers come back shuffled and are matched by id.
     */
    @Test
    void batchSplitsRetriesOnlyThrottledItemsAndNamesTheFailedDependency() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Map<String, String> throttle = Map.of("u7", "0.249", "u12", "1.5", "u22", "");
        ms.on("GET", "/v1.0/users/*", r -> {
            String user = r.path().substring("/v1.0/users/".length());
            int call = calls.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
            if (throttle.containsKey(user) && call == 1) {
                return Reply.throttled(throttle.get(user).isEmpty() ? null : throttle.get(user));
            }
            return Reply.json(200, "{\"id\":\"" + user + "\",\"accountEnabled\":true}");
        });
        ms.script("DELETE", "/v1.0/groups/0e226165-c685-41ce-8bfc-df8360ab325d", Reply.sample(403, "error-403-authorization-requestdenied.json"));
        List<BatchItem> items = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            String id = String.valueOf(i);
            BatchItem item = switch (i) {
                case 3 -> BatchItem.delete(id, "/groups/0e226165-c685-41ce-8bfc-df8360ab325d");
                case 4 -> BatchItem.get(id, "/users/u4").dependsOn("3");
                case 8 -> BatchItem.get(id, "/users/u8").dependsOn("7");
                default -> BatchItem.get(id, "/users/u" + i);
            };
            items.add(item);
        }

        int batchesBefore = ms.batchSizes().size();
        List<BatchResult> results = graph.batch(items);

        assertThat(results).extracting(BatchResult::id).containsExactly(items.stream().map(BatchItem::id).toArray(String[]::new));
        for (BatchResult r : results) {
            if (!r.id().equals("3") && !r.id().equals("4")) {
                assertThat(r.status()).as("item %s", r.id()).isEqualTo(200);
                assertThat(r.body().path("id").asText()).as("item %s matched by id", r.id()).isEqualTo("u" + r.id());
            }
        }
        BatchResult refused = results.get(2);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error().orElseThrow().code()).isEqualTo("Authorization_RequestDenied");
        BatchResult dependant = results.get(3);
        assertThat(dependant.status()).isEqualTo(424);
        assertThat(dependant.failedDependency()).contains("3");
        assertThat(dependant.describe()).isEqualTo("not run because request 3 failed");

        assertThat(ms.batchSizes().subList(batchesBefore, ms.batchSizes().size())).containsExactly(20, 5, 4);
        assertThat(results).filteredOn(r -> r.attempts() == 2).extracting(BatchResult::id).containsExactly("7", "8", "12", "22");
        assertThat(results).filteredOn(r -> r.attempts() != 2).extracting(BatchResult::attempts).containsOnly(1);
        assertThat(ms.requests("DELETE", "/v1.0/groups/0e226165-c685-41ce-8bfc-df8360ab325d")).hasSize(1);
        assertThat(ms.requests("GET", "/v1.0/users/u4")).isEmpty();
        assertThat(ms.requests("GET", "/v1.0/users/u1")).hasSize(1);
        assertThat(ms.requests("GET", "/v1.0/users/u7")).hasSize(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void aBatchItemStillThrottledWhenTheAttemptsRunOutKeepsIts429() {
        ms.script("GET", "/v1.0/users/always-throttled", Reply.throttled("0.1"));
        List<BatchResult> results = graph.batch(List.of(BatchItem.get("a", "/users/always-throttled")));

        assertThat(results.get(0).status()).isEqualTo(429);
        assertThat(results.get(0).attempts()).isEqualTo(5);
        assertThat(results.get(0).describe()).startsWith("429 TooManyRequests: Please retry again later.");
        assertThat(sleeper.waits()).hasSize(4).containsOnly(Duration.ofMillis(100));
    }

    @Test
    void batchRefusesDuplicateIdsAndUnknownDependencies() {
        assertThatThrownBy(() -> graph.batch(List.of(BatchItem.get("1", "/me"), BatchItem.get("1", "/me"))))
                .hasMessage("batch item id '1' is used twice");
        assertThatThrownBy(() -> graph.batch(List.of(BatchItem.get("1", "/me").dependsOn("9"))))
                .hasMessage("batch item '1' depends on '9', which is not in the batch");
    }
}
