package io.aitmdefense.server.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tenant's request allowance for Graph's identity reports: at most {@code limit} requests in any {@code window}
 * (Microsoft allows 5 per 10 s per app and tenant; asking more earns 429s that slow every poller of the tenant).
 * Shared by the tenant's pollers; a poller that finds it spent stops and goes on at its next poll.
 */
public final class RequestBudget {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> sent = new ArrayDeque<>();

    public RequestBudget(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** The identity-reports allowance: 5 requests per 10 seconds. */
    public static RequestBudget identityReports(Clock clock) {
        return new RequestBudget(5, Duration.ofSeconds(10), clock);
    }

    /** Takes one request from the allowance, if any is left. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(window))) sent.pollFirst();
        if (sent.size() >= limit) return false;
        sent.addLast(now);
        return true;
    }
}
