package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The one mapper of the respond module, and the reads every action needs. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A Graph date-time property, empty when absent, null or not a date. */
    public static Optional<Instant> instant(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Escapes a value for an OData string literal inside {@code $filter}: a quote is doubled. */
    public static String odata(String s) {
        return s.replace("'", "''");
    }
}
