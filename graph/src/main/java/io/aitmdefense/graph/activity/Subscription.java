package io.aitmdefense.graph.activity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A content-type subscription of the Management Activity API.
 *
 * @param status {@code enabled} or {@code disabled}; empty when the service omits it (listed types with no
 *               subscription yet come back as {@code {"contentType":…,"webhook":null}})
 * @param webhook the webhook object, or a null node when there is none
 */
public record Subscription(String contentType, String status, JsonNode webhook) {

    public boolean enabled() {
        return status.equalsIgnoreCase("enabled");
    }

    static Subscription of(JsonNode n) {
        return new Subscription(n.path("contentType").asText(), n.path("status").asText(""),
                n.has("webhook") ? n.get("webhook") : com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }
}
