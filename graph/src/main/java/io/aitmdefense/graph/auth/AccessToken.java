package io.aitmdefense.graph.auth;

import java.time.Instant;

/** A bearer token and when it stops working. {@link #toString()} never shows the token. */
public record AccessToken(String value, Instant expiresOn) {

    @Override
    public String toString() {
        return "AccessToken[expiresOn=" + expiresOn + "]";
    }
}
