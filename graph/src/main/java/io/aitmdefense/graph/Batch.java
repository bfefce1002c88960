package io.aitmdefense.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aitmdefense.graph.http.RetryAfter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** One {@link GraphClient#batch} call: chunking, matching answers by id, retrying throttled items alone. */
final class Batch {
    /** Graph's limit of requests per $batch. */
    static final int MAX_ITEMS = 20;
    /** What an item that got no answer in the batch response is recorded as. */
    static final int NO_ANSWER = 0;

    private final GraphClient graph;
    private final List<BatchItem> items;
    private final Map<String, BatchItem> byId = new LinkedHashMap<>();
    private final Map<String, BatchResult> results = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    Batch(GraphClient graph, List<BatchItem> items) {
        this.graph = graph;
        this.items = items;
        for (BatchItem it : items) {
            if (byId.put(it.id(), it) != null) throw new IllegalArgumentException("batch item id '" + it.id() + "' is used twice");
        }
        for (BatchItem it : items) {
            for (String d : it.dependsOn()) {
                if (!byId.containsKey(d)) {
                    throw new IllegalArgumentException("batch item '" + it.id() + "' depends on '" + d + "', which is not in the batch");
                }
            }
        }
    }

    List<BatchResult> run() {
        Set<String> pending = new LinkedHashSet<>(byId.keySet());
        int maxAttempts = graph.http().policy().maxAttempts();
        for (int round = 1; !pending.isEmpty(); round++) {
            for (List<String> chunk : chunks(pending)) sendChunk(chunk, pending);
            if (round >= maxAttempts) break;
            Retry retry = retryable(pending, round);
            if (retry.ids.isEmpty()) break;
            graph.http().pause(retry.delay);
            pending = retry.ids;
        }
        List<BatchResult> out = new ArrayList<>();
        for (BatchItem it : items) {
            BatchResult r = results.get(it.id());
            out.add(new BatchResult(r.id(), r.status(), r.headers(), r.body(), attempts.get(it.id()), failedDependency(it, r)));
        }
        return out;
    }

    private void sendChunk(List<String> chunk, Set<String> round) {
        List<BatchItem> send = new ArrayList<>();
        for (String id : chunk) {
            BatchItem it = byId.get(id);
            // a dependency that already succeeded in an earlier round is not sent again, so drop it from dependsOn
            List<String> deps = it.dependsOn().stream().filter(round::contains).toList();
            send.add(new BatchItem(it.id(), it.method(), it.url(), it.body(), it.headers(), deps));
            attempts.merge(id, 1, Integer::sum);
        }
        Set<String> answered = new HashSet<>();
        for (JsonNode r : graph.sendBatch(send)) {
            String id = r.path("id").asText();
            if (!chunk.contains(id) || !answered.add(id)) continue;
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            JsonNode body = r.has("body") ? r.get("body") : MissingNode.getInstance();
            results.put(id, new BatchResult(id, r.path("status").asInt(NO_ANSWER), headers, body, 0, Optional.empty()));
        }
        for (String id : chunk) {
            if (!answered.contains(id)) {
                results.put(id, new BatchResult(id, NO_ANSWER, Map.of(), MissingNode.getInstance(), 0, Optional.empty()));
            }
        }
    }

    private record Retry(Set<String> ids, Duration delay) {
    }

    /**
     * The items to send again and how long to wait first (the longest Retry-After among them): those the retry rule
     * allows, plus the items that answered 424 only because one of those failed.
     */
    private Retry retryable(Set<String> round, int failedAttempt) {
        Set<String> again = new LinkedHashSet<>();
        Duration wait = Duration.ZERO;
        for (String id : round) {
            BatchResult r = results.get(id);
            if (r.ok() || r.status() == 424) continue;
            Optional<Duration> retryAfter = RetryAfter.parse(r.header("Retry-After").orElse(null), graph.http().clock().instant());
            String code = r.body().path("error").path("code").asText("");
            Optional<Duration> w = graph.http().waitBeforeRetry(graph.itemAsRequest(byId.get(id)), r.status(), code,
                    retryAfter, failedAttempt);
            if (w.isPresent()) {
                again.add(id);
                if (w.get().compareTo(wait) > 0) wait = w.get();
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String id : round) {
                BatchResult r = results.get(id);
                if (r.status() == 424 && !again.contains(id) && byId.get(id).dependsOn().stream().anyMatch(again::contains)) {
                    grew = again.add(id);
                }
            }
        }
        return new Retry(again, wait);
    }

    private Optional<String> failedDependency(BatchItem it, BatchResult r) {
        if (r.status() != 424) return Optional.empty();
        return it.dependsOn().stream().filter(d -> !results.get(d).ok()).findFirst();
    }

    /** Groups of at most 20, each dependency chain whole, in the order given. */
    private List<List<String>> chunks(Set<String> ids) {
        Map<String, String> parent = new HashMap<>();
        for (String id : ids) parent.put(id, id);
        for (String id : ids) {
            for (String d : byId.get(id).dependsOn()) {
                if (ids.contains(d)) parent.put(find(parent, id), find(parent, d));
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String id : ids) groups.computeIfAbsent(find(parent, id), k -> new ArrayList<>()).add(id);
        List<List<String>> chunks = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (List<String> g : groups.values()) {
            if (g.size() > MAX_ITEMS) {
                throw new IllegalArgumentException("batch items " + g + " depend on each other and are more than "
                        + MAX_ITEMS + ": Graph runs a dependsOn chain inside one batch only");
            }
            if (cur.size() + g.size() > MAX_ITEMS) {
                chunks.add(cur);
                cur = new ArrayList<>();
            }
            cur.addAll(g);
        }
        if (!cur.isEmpty()) chunks.add(cur);
        return chunks;
    }

    private static String find(Map<String, String> parent, String id) {
        while (!parent.get(id).equals(id)) id = parent.get(id);
        return id;
    }
}
