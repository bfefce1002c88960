package io.aitmdefense.detect.api;

/** One value per key, as in Flink's ValueState. */
public interface ValueState<T> {
    /** The current value; the descriptor's initial value if none was stored. */
    T value();

    void update(T value);

    void clear();
}
