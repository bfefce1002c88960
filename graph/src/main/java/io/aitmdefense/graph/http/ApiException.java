package io.aitmdefense.graph.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A Microsoft API answered with an error after every allowed attempt, or could not be reached. Carries the HTTP
 * status, the service's error code, message and ids; the message never holds a token or a secret.
 */
public final class ApiException extends RuntimeException {
    /** The status of an error raised before any answer (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final ApiError error;
    private final String method;
    private final String target;
    private final int attempts;
    private final Optional<Duration> retryAfter;

    public ApiException(ApiError error, String method, String target, int attempts, Optional<Duration> retryAfter) {
        super(method + " " + target + ": " + error.describe() + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + retryAfter.map(d -> "; the service asks to wait " + d.toMillis() / 1000.0 + " s").orElse(""));
        this.error = error;
        this.method = method;
        this.target = target;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    public String code() {
        return error.code();
    }

    public String method() {
        return method;
    }

    /** The URL path (and query) that failed, without the host. */
    public String target() {
        return target;
    }

    public int attempts() {
        return attempts;
    }

    /** The service's last Retry-After, when it gave one. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
