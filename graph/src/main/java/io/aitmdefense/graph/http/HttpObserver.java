package io.aitmdefense.graph.http;

/** Hears of every attempt (audit trail, progress, tests). Must be quick and must not throw. */
@FunctionalInterface
public interface HttpObserver {
    HttpObserver NONE = a -> { };

    void attempt(Attempt a);
}
