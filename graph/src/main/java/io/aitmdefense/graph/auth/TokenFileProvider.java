package io.aitmdefense.graph.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A token someone else keeps fresh in a file (an analyst's delegated token, a sidecar that renews it). The same
 * token is used for every scope, so it only works for the API it was issued to.
 */
public final class TokenFileProvider implements TokenProvider {
    private final Path file;
    private final Clock clock;

    public TokenFileProvider(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public AccessToken token(String scope) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new TokenException("accessTokenFile " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (value.isEmpty()) throw new TokenException("accessTokenFile " + file + ": the file is empty");
        Instant expires = JwtExpiry.of(value, clock);
        if (!expires.isAfter(clock.instant())) {
            throw new TokenException("accessTokenFile " + file + ": the token in it expired at " + expires + "; write a fresh one");
        }
        return new AccessToken(value, expires);
    }
}
