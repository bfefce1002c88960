package io.aitmdefense.server.web;

/**
 * An Entra sign-in that could not complete: the message says why for the log and holds no token, code or secret; the
 * refusal is what the person is told.
 */
final class OidcException extends RuntimeException {
    private final OidcRefusal refusal;

    /** A check that failed, or an answer that makes no sense. */
    OidcException(String message) {
        this(OidcRefusal.INVALID, message);
    }

    OidcException(OidcRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    OidcRefusal refusal() {
        return refusal;
    }
}
