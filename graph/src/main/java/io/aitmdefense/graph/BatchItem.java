package io.aitmdefense.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request inside a JSON batch. {@code url} is relative to the version root ({@code /users/{id}}), as Graph
 * wants it; ids must be unique in one {@link GraphClient#batch} call.
 *
 * @param dependsOn ids that must succeed first; when one fails this item answers 424 and is not run
 */
public record BatchItem(String id, String method, String url, Optional<JsonNode> body, Map<String, String> headers,
                        List<String> dependsOn) {

    public BatchItem {
        headers = Map.copyOf(headers);
        dependsOn = List.copyOf(dependsOn);
    }

    public static BatchItem get(String id, String url) {
        return new BatchItem(id, "GET", url, Optional.empty(), Map.of(), List.of());
    }

    public static BatchItem post(String id, String url, JsonNode body) {
        return new BatchItem(id, "POST", url, Optional.ofNullable(body), Map.of(), List.of());
    }

    public static BatchItem patch(String id, String url, JsonNode body) {
        return new BatchItem(id, "PATCH", url, Optional.of(body), Map.of(), List.of());
    }

    public static BatchItem delete(String id, String url) {
        return new BatchItem(id, "DELETE", url, Optional.empty(), Map.of(), List.of());
    }

    public BatchItem dependsOn(String... ids) {
        return new BatchItem(id, method, url, body, headers, List.of(ids));
    }

    public BatchItem header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new BatchItem(id, method, url, body, h, dependsOn);
    }
}
