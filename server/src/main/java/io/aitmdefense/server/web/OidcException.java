package io.aitmdefense.server.web;

/** An Entra sign-in that could not complete; the message says why and holds no token, code or secret. */
final class OidcException extends RuntimeException {
    OidcException(String message) {
        super(message);
    }
}
