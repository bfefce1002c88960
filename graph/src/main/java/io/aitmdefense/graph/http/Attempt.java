package io.aitmdefense.graph.http;

import java.time.Duration;
import java.util.Optional;

/**
 * One attempt of a call, as reported to an {@link HttpObserver}: the audit trail keeps every attempt, the
 * retries included.
 *
 * @param status {@link ApiException#NO_RESPONSE} when no answer came
 * @param errorCode the service's error code, empty on success
 * @param waitBefore the wait before the next attempt, when one follows
 */
public record Attempt(String method, String target, int attempt, int status, String errorCode,
                      Optional<String> requestId, String clientRequestId, Optional<Duration> waitBefore) {
}
