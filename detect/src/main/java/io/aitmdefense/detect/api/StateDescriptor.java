package io.aitmdefense.detect.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Names a piece of per-key state, how to create it empty, and how long it lives after its last update in
 * event time. The runtime drops expired state, so memory depends on active users in the window, not on input size.
 */
public record StateDescriptor<T>(String name, Supplier<T> initial, Duration ttl) {
}
