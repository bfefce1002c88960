package io.aitmdefense.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.graph.http.ApiError;

import java.util.Map;
import java.util.Optional;

/**
 * The answer to one {@link BatchItem}, after any retries of that item alone.
 *
 * @param headers the item's own response headers (names as sent)
 * @param attempts how many times the item was sent
 * @param failedDependency for a 424: the id of the {@code dependsOn} item that failed, so this one never ran
 */
public record BatchResult(String id, int status, Map<String, String> headers, JsonNode body, int attempts,
                          Optional<String> failedDependency) {

    public BatchResult {
        headers = Map.copyOf(headers);
    }

    public boolean ok() {
        return status / 100 == 2;
    }

    /** The error in the item's body, for a non-2xx item. */
    public Optional<ApiError> error() {
        if (ok()) return Optional.empty();
        return Optional.of(ApiError.parse(status, body, header("request-id"), header("client-request-id"), Optional.empty()));
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** For a person: "200", "403 Authorization_RequestDenied: …", or "not run because request 1 failed". */
    public String describe() {
        if (ok()) return String.valueOf(status);
        if (status == Batch.NO_ANSWER) return "no answer for this item in the batch response";
        if (status == 424 && failedDependency.isPresent()) {
            return "not run because request " + failedDependency.get() + " failed";
        }
        return error().map(ApiError::describe).orElse(String.valueOf(status));
    }
}
