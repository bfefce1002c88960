package io.aitmdefense.graph.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * A failed answer, in the shape all three APIs share: {@code {"error":{"code","message","innerError":{"request-id",
 * "client-request-id","date"}}}} (Graph; {@code innererror} in some services), {@code {"error":{"code":"AF20022",…}}}
 * (Management Activity API), {@code {"error":{"code","message","details":[{"message"}]}}} (Exchange admin REST).
 * Branch on {@link #code()}, never on the message. Ids missing from the body are taken from the response headers.
 *
 * @param code empty when the service sent no code (a bodiless 404, or Planner's {@code "code": ""})
 */
public record ApiError(int status, String code, String message, Optional<String> requestId,
                       Optional<String> clientRequestId, Optional<String> date) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiError parse(int status, byte[] body, Optional<String> requestIdHeader, Optional<String> clientRequestId,
                                 Optional<String> dateHeader) {
        JsonNode root = readOrMissing(body);
        return parse(status, root, requestIdHeader, clientRequestId, dateHeader);
    }

    public static ApiError parse(int status, JsonNode root, Optional<String> requestIdHeader,
                                 Optional<String> clientRequestId, Optional<String> dateHeader) {
        JsonNode error = root.path("error");
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        JsonNode details = error.path("details");
        if (details.isArray() && !details.isEmpty() && details.get(0).hasNonNull("message")) {
            String detail = details.get(0).path("message").asText();
            if (!message.contains(detail)) message = message.isEmpty() ? detail : message + " (" + detail + ")";
        }
        JsonNode internal = error.path("innererror").path("internalException").path("message");
        if (internal.isTextual() && !message.contains(internal.asText())) { // Exchange: the cmdlet's own words
            message = message.isEmpty() ? internal.asText() : message + " (" + internal.asText() + ")";
        }
        if (error.isTextual()) { // the OAuth shape: {"error":"invalid_client","error_description":"…"}
            code = error.asText();
            message = root.path("error_description").asText("");
        }
        JsonNode inner = error.has("innerError") ? error.path("innerError") : error.path("innererror");
        return new ApiError(status, code, message,
                text(inner, "request-id").or(() -> requestIdHeader),
                text(inner, "client-request-id").or(() -> clientRequestId),
                text(inner, "date").or(() -> dateHeader));
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    static JsonNode readOrMissing(byte[] body) {
        if (body == null || body.length == 0) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            JsonNode n = JSON.readTree(body);
            return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** One line for a person: {@code 403 Authorization_RequestDenied: Insufficient privileges… (request-id …)}. */
    public String describe() {
        StringBuilder b = new StringBuilder().append(status);
        if (!code.isEmpty()) b.append(' ').append(code);
        if (!message.isEmpty()) b.append(": ").append(message);
        StringBuilder ids = new StringBuilder();
        requestId.ifPresent(r -> ids.append("request-id ").append(r));
        clientRequestId.ifPresent(r -> ids.append(ids.isEmpty() ? "" : ", ").append("client-request-id ").append(r));
        date.ifPresent(d -> ids.append(ids.isEmpty() ? "" : ", ").append("date ").append(d));
        if (!ids.isEmpty()) b.append(" (").append(ids).append(')');
        return b.toString();
    }
}
