package io.aitmdefense.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Graph call: method, a path under the API version ({@code /users/{id}}), query options encoded for you
 * ({@code $filter} values hold spaces and quotes), headers, and a JSON body.
 *
 * <pre>{@code GraphRequest.get("/auditLogs/signIns")
 *     .query("$filter", "createdDateTime ge 2025-03-01T00:00:00Z").query("$top", "1000")}</pre>
 */
public record GraphRequest(String method, String path, List<Map.Entry<String, String>> query,
                           Map<String, String> headers, Optional<JsonNode> body, Optional<Boolean> idempotent) {

    public GraphRequest {
        if (!path.startsWith("/")) throw new IllegalArgumentException("a Graph path starts with '/': " + path);
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public static GraphRequest get(String path) {
        return new GraphRequest("GET", path, List.of(), Map.of(), Optional.empty(), Optional.empty());
    }

    public static GraphRequest post(String path, JsonNode body) {
        return new GraphRequest("POST", path, List.of(), Map.of(), Optional.ofNullable(body), Optional.empty());
    }

    public static GraphRequest patch(String path, JsonNode body) {
        return new GraphRequest("PATCH", path, List.of(), Map.of(), Optional.of(body), Optional.empty());
    }

    public static GraphRequest delete(String path) {
        return new GraphRequest("DELETE", path, List.of(), Map.of(), Optional.empty(), Optional.empty());
    }

    /** Adds a query option; the value is percent-encoded here. */
    public GraphRequest query(String name, String value) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(Map.entry(name, value));
        return new GraphRequest(method, path, q, headers, body, idempotent);
    }

    public GraphRequest header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new GraphRequest(method, path, query, h, body, idempotent);
    }

    /**
     * {@code ConsistencyLevel: eventual}, which advanced directory queries ($search, $count, endsWith, ne, not) need;
     * it is sent again on every page, since next links do not carry headers.
     */
    public GraphRequest eventualConsistency() {
        return header("ConsistencyLevel", "eventual");
    }

    /** Overrides the method's default idempotency (see {@link io.aitmdefense.graph.http.ApiRequest#idempotent()}). */
    public GraphRequest idempotent(boolean value) {
        return new GraphRequest(method, path, query, headers, body, Optional.of(value));
    }

    /** The path with its encoded query, relative to the version root. */
    String pathAndQuery() {
        if (query.isEmpty()) return path;
        StringBuilder b = new StringBuilder(path).append(path.contains("?") ? '&' : '?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) b.append('&');
            b.append(encode(query.get(i).getKey())).append('=').append(encode(query.get(i).getValue()));
        }
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }
}
