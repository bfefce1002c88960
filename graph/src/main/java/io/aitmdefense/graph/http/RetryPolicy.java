package io.aitmdefense.graph.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How often and how long to wait. Without a {@code Retry-After}, the wait doubles from {@code baseDelay} up to
 * {@code maxDelay}, and a random half of it is dropped ("equal jitter") so that clients throttled together do not
 * come back together. A {@code Retry-After} longer than {@code maxRetryAfter} ends the retries: the caller gets the
 * throttling error (with the wait in it) rather than a thread asleep for an hour.
 *
 * @param maxAttempts attempts in all, the first included
 * @param jitter a value in [0, 1); tests pass a constant
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                          DoubleSupplier jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /** Five attempts, 1 s doubling to 30 s, Retry-After honoured up to 5 minutes. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public RetryPolicy withJitter(DoubleSupplier j) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, j);
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, baseDelay, maxDelay, maxRetryAfter, jitter);
    }

    /** The wait after the {@code failedAttempt}-th attempt (1-based) when the service gave no Retry-After. */
    public Duration backoff(int failedAttempt) {
        long base = baseDelay.toMillis();
        long capped = Math.min(maxDelay.toMillis(), base << Math.min(failedAttempt - 1, 20));
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * jitter.getAsDouble()));
    }
}
