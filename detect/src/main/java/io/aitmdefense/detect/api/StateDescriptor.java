package io.aitmdefense.detect.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Names a piece of per-key state, how to create it empty, and how long it lives after its last update in
 * event time. The runtime drops expired state, so memory depends on active users in the window, not on input size.
 * <p>
 * State is private to the detection that asks for it, unless {@code shared}: then every detection naming it sees the
 * one value, so that a history several detections consult (a user's suspicious sign-ins) is kept once, not once per
 * detection. The Flink adapter runs the catalogue as one keyed function, where a shared descriptor is one
 * {@code ValueState} of that function.
 */
public record StateDescriptor<T>(String name, Supplier<T> initial, Duration ttl, boolean shared) {

    /** State private to the detection that asks for it. */
    public StateDescriptor(String name, Supplier<T> initial, Duration ttl) {
        this(name, initial, ttl, false);
    }

    /** State every detection naming it shares; they must agree on what it holds. */
    public static <T> StateDescriptor<T> shared(String name, Supplier<T> initial, Duration ttl) {
        return new StateDescriptor<>(name, initial, ttl, true);
    }
}
