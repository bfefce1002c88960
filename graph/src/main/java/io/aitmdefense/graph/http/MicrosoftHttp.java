package io.aitmdefense.graph.http;

import io.aitmdefense.graph.auth.TokenProvider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sends one call with a bearer token and retries it when that is safe. The rule:
 * <ul>
 *   <li>Any request is retried after {@code 429} (or the Management API's {@code AF429}, which it sends as 403):
 *       a throttled request was refused before it ran.</li>
 *   <li>Any request is retried after {@code 503} <em>with</em> {@code Retry-After}: the service says it turned the
 *       request away and when to come back.</li>
 *   <li>Only idempotent requests ({@link ApiRequest#idempotent()}) are retried after {@code 503} without
 *       {@code Retry-After}, {@code 504}, the Management API's {@code AF50000}, or a broken connection: the request
 *       may have run, and running an action twice (a second revoke, a second password) is not harmless.</li>
 *   <li>Any request is retried once after {@code 401} with a freshly fetched token (the cached one was revoked or
 *       expired early); a 401 means nothing ran.</li>
 * </ul>
 * The wait is the {@code Retry-After} (integer, decimal or HTTP-date), else the policy's capped exponential backoff
 * with jitter; attempts are bounded by the policy. Every attempt goes to the {@link HttpObserver}. The same
 * {@code client-request-id} GUID is sent on every attempt of one call. Redirects are never followed, so the token
 * cannot be carried to another host.
 */
public final class MicrosoftHttp {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final Set<String> THROTTLED_CODES = Set.of("AF429");
    private static final Set<String> TRANSIENT_CODES = Set.of("AF50000");

    private final HttpClient client;
    private final TokenProvider tokens;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final HttpObserver observer;

    public MicrosoftHttp(HttpClient client, TokenProvider tokens, RetryPolicy policy, Sleeper sleeper, Clock clock,
                         HttpObserver observer) {
        this.client = client;
        this.tokens = tokens;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.observer = observer;
    }

    public RetryPolicy policy() {
        return policy;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * @return the 2xx answer
     * @throws ApiException for any other final answer, or when the service could not be reached
     */
    public ApiResponse send(ApiRequest request) {
        String clientRequestId = UUID.randomUUID().toString();
        boolean refreshedToken = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = client.send(build(request, clientRequestId), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                ApiError error = new ApiError(ApiException.NO_RESPONSE, "network", e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), Optional.empty(),
                        Optional.of(clientRequestId), Optional.empty());
                Optional<Duration> wait = request.idempotent() && attempt < policy.maxAttempts()
                        ? Optional.of(policy.backoff(attempt)) : Optional.empty();
                report(request, attempt, error, wait);
                if (wait.isEmpty()) throw new ApiException(error, request.method(), request.target(), attempt, Optional.empty());
                pause(wait.get());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(new ApiError(ApiException.NO_RESPONSE, "interrupted", "interrupted",
                        Optional.empty(), Optional.of(clientRequestId), Optional.empty()),
                        request.method(), request.target(), attempt, Optional.empty());
            }
            int status = response.statusCode();
            Optional<String> requestId = response.headers().firstValue("request-id");
            if (status / 100 == 2) {
                observer.attempt(new Attempt(request.method(), request.target(), attempt, status, "", requestId,
                        clientRequestId, Optional.empty()));
                return new ApiResponse(status, response.headers(), response.body(), clientRequestId, attempt);
            }
            ApiError error = ApiError.parse(status, response.body(), requestId, Optional.of(clientRequestId),
                    response.headers().firstValue("date"));
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant());
            if (status == 401 && !refreshedToken) {
                refreshedToken = true;
                tokens.invalidate(request.scope());
                report(request, attempt, error, Optional.of(Duration.ZERO));
                attempt--; // a refused token is not a failed attempt of the call
                continue;
            }
            Optional<Duration> wait = attempt < policy.maxAttempts()
                    ? waitBeforeRetry(request, status, error.code(), retryAfter, attempt) : Optional.empty();
            report(request, attempt, error, wait);
            if (wait.isEmpty()) throw new ApiException(error, request.method(), request.target(), attempt, retryAfter);
            pause(wait.get());
        }
    }

    /**
     * The wait before retrying, or empty when the call must not be retried (see the class comment). Shared with
     * batching, where each item carries its own status and Retry-After.
     */
    public Optional<Duration> waitBeforeRetry(ApiRequest request, int status, String code, Optional<Duration> retryAfter,
                                              int failedAttempt) {
        boolean throttled = status == 429 || THROTTLED_CODES.contains(code);
        boolean refused = throttled || (status == 503 && retryAfter.isPresent());
        boolean transientError = status == 503 || status == 504 || TRANSIENT_CODES.contains(code);
        if (!refused && !(request.idempotent() && transientError)) return Optional.empty();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(policy.maxRetryAfter()) > 0 ? Optional.empty() : retryAfter;
        }
        return Optional.of(policy.backoff(failedAttempt));
    }

    /** Sleeps, turning an interrupt into an error the caller sees. */
    public void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private void report(ApiRequest request, int attempt, ApiError error, Optional<Duration> wait) {
        observer.attempt(new Attempt(request.method(), request.target(), attempt, error.status(), error.code(),
                error.requestId(), error.clientRequestId().orElse(""), wait));
    }

    private HttpRequest build(ApiRequest request, String clientRequestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + tokens.token(request.scope()).value())
                .header("client-request-id", clientRequestId)
                .header("return-client-request-id", "true")
                .header("Accept", "application/json");
        request.headers().forEach(b::header);
        if (request.body().isPresent()) {
            // JSON unless the request names its own type (a Graph stream property such as a branding CSS file)
            if (request.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                b.header("Content-Type", "application/json");
            }
            b.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body().get()));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }
}
