package io.aitmdefense.graph.http;

import java.time.Duration;

/** Waits between attempts. Tests pass one that records the waits instead of waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    void sleep(Duration d) throws InterruptedException;
}
