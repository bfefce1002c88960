package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes a complex column either in place (an object or array) or as JSON text inside a string, which is how Log
 * Analytics exports several sign-in columns (log-schemas §2.1).
 */
final class Nested {
    /** The body of a nested value, written to whichever generator the column needs. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private final JsonFactory factory;

    Nested(JsonFactory factory) {
        this.factory = factory;
    }

    void field(JsonGenerator g, String name, boolean asText, Body body) throws IOException {
        g.writeFieldName(name);
        if (asText) {
            g.writeString(text(body));
        } else {
            body.write(g);
        }
    }

    /**
     * As {@link #field}, for values that repeat across rows (a device, a place, a status): rendered once per distinct
     * {@code key} and reused — most of a sign-in row is such values, and rendering them is most of the cost.
     */
    void cachedField(JsonGenerator g, String name, boolean asText, Object key, Body body) throws IOException {
        g.writeFieldName(name);
        java.util.List<Object> k = java.util.List.of(key, asText);
        String json = cache.get(k);
        if (json == null) {
            if (cache.size() > 50_000) cache.clear();
            String text = text(body);
            json = asText ? text(inner -> inner.writeString(text)) : text;
            cache.put(k, json);
        }
        g.writeRawValue(json);
    }

    private final java.util.Map<Object, String> cache = new java.util.HashMap<>();

    String text(Body body) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator inner = factory.createGenerator(w)) {
            body.write(inner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
