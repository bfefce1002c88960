package io.aitmdefense.graph.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One request {@link LocalMicrosoft} received. Header names are lower case; the Authorization value and the
 * credentials in token requests are replaced by {@code [redacted]}, so the log itself can be printed.
 *
 * @param query the raw query string, empty when none
 * @param viaBatch true for an item unpacked from a {@code $batch} envelope
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
                              boolean viaBatch) {

    /** The decoded value of one query parameter. */
    public Optional<String> param(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** A change to the tenant: POST, PATCH, PUT or DELETE, except token requests and $batch envelopes (their items count). */
    public boolean isWrite() {
        boolean changing = method.equals("POST") || method.equals("PATCH") || method.equals("PUT") || method.equals("DELETE");
        return changing && !path.endsWith("/oauth2/v2.0/token") && !path.endsWith("/$batch");
    }
}
