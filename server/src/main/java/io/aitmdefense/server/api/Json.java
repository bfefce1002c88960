package io.aitmdefense.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON in and out of the API's routes: one mapper, bodies written by hand field by field like the report's. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    static void ok(Context ctx, JsonNode body) {
        send(ctx, 200, body);
    }

    /** A stored document (incident, alert, plan) as a tree; stored text that is not JSON is the store's fault, not the caller's. */
    static JsonNode parse(String stored, String what) {
        try {
            return MAPPER.readTree(stored);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + what + " is not JSON", e);
        }
    }

    /** The request's JSON object body; an empty body is an empty object. */
    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) return object();
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !n.isObject()) throw new BadRequestResponse("the body must be a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A required non-blank text field of the body. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadRequestResponse("field '" + field + "' is required: a non-empty string");
        }
        return v.asText().strip();
    }
}
