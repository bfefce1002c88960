package io.aitmdefense.graph.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A successful answer.
 *
 * @param clientRequestId the GUID we sent as {@code client-request-id} (the same on every attempt of one call)
 * @param attempts how many attempts it took
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] body, String clientRequestId, int attempts) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The service's id for the call ({@code request-id}), quoted by Microsoft support and in audit trails. */
    public Optional<String> requestId() {
        return header("request-id");
    }

    /** The body as JSON; a missing node for 204 and empty bodies. */
    public JsonNode json() {
        return ApiError.readOrMissing(body);
    }

    @Override
    public String toString() {
        return "ApiResponse[status=" + status + ", requestId=" + requestId().orElse("") + ", clientRequestId="
                + clientRequestId + ", attempts=" + attempts + "]";
    }
}
