package io.aitmdefense.server.web;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an Entra sign-in gave no session, as the sign-in page tells the person ({@code /login?refused=<code>}). The
 * page shows only these fixed texts: nothing Entra or the request said is echoed, and the details go to the log.
 */
public enum OidcRefusal {
    NO_ROLE("no-role", "You signed in with Microsoft, but your account has none of the console's roles. Ask an "
            + "administrator to assign you the viewer, responder or admin role of this app in Entra ID."),
    EXPIRED("expired", "That sign-in had already been used, took longer than 10 minutes, or began in another browser. "
            + "Sign in again."),
    DENIED("denied", "Microsoft did not sign you in (cancelled, or your account may not use this app). Sign in again, or "
            + "ask an administrator to assign you a role of this app."),
    INVALID("invalid", "Microsoft's answer did not pass the console's checks, so you were not signed in. The service log "
            + "says which check failed."),
    UNAVAILABLE("unavailable", "Microsoft's sign-in could not be reached. Try again, or sign in with a console token.");

    private final String code;
    private final String message;

    OidcRefusal(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public static Optional<OidcRefusal> of(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
