package io.aitmdefense.graph.auth;

/** No access token could be had. The message says why and what to check; it never holds a secret or a token. */
public final class TokenException extends RuntimeException {
    public TokenException(String message) {
        super(message);
    }
}
