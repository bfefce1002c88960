package io.aitmdefense.graph.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * When a token handed to us ready-made expires: its JWT {@code exp} claim, read without checking the signature
 * (the API checks it). A token that is not a readable JWT is trusted for {@link #UNKNOWN_LIFETIME}, then read again.
 */
final class JwtExpiry {
    static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtExpiry() {
    }

    /** A token of unknown lifetime gets the cache's renewal margin on top, so it is really kept that long. */
    static Instant of(String token, Clock clock) {
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1].getBytes(StandardCharsets.US_ASCII)));
                if (claims.path("exp").canConvertToLong()) return Instant.ofEpochSecond(claims.path("exp").asLong());
            } catch (Exception e) {
                // not a JWT after all: fall through to the fixed lifetime
            }
        }
        return clock.instant().plus(UNKNOWN_LIFETIME).plus(CachingTokenProvider.MARGIN);
    }
}
