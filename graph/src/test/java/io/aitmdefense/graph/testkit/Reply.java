package io.aitmdefense.graph.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@link LocalMicrosoft} answers to one request: status, headers and a body (JSON text, or empty). */
public record Reply(int status, Map<String, String> headers, String body) {
    /** The real response samples (SOURCES.md there says where each came from). */
    public static final Path SAMPLES = Path.of("../shared/data/graph-samples");

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "application/json"), body);
    }

    /** A sample file from {@code ../shared/data/graph-samples}, e.g. {@code sample(200, "users-get.json")}. */
    public static Reply sample(int status, String file) {
        try {
            return json(status, Files.readString(SAMPLES.resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reply noContent() {
        return new Reply(204, Map.of(), "");
    }

    /** 429 with the body of Graph's throttling sample; {@code retryAfter} null for none (directory throttling). */
    public static Reply throttled(String retryAfter) {
        Reply r = sample(429, "error-429.json");
        return retryAfter == null ? r : r.withHeader("Retry-After", retryAfter);
    }

    /** 503 with a Graph error body; {@code retryAfter} null for none. */
    public static Reply unavailable(String retryAfter) {
        Reply r = json(503, "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"The service is temporarily"
                + " unavailable.\",\"innerError\":{\"date\":\"2025-03-01T10:00:00\",\"request-id\":"
                + "\"5c3e0f22-7d3a-4b7e-9b1e-3f1a2b4c5d6e\",\"client-request-id\":\"5c3e0f22-7d3a-4b7e-9b1e-3f1a2b4c5d6e\"}}}");
        return retryAfter == null ? r : r.withHeader("Retry-After", retryAfter);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, h, body);
    }
}
