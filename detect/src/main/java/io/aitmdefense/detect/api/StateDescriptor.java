package io.aitmdefense.detect.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Names a piece of per-key state, how to create it empty, how long it lives after its last update in event time,
 * and how it is written into a snapshot. The runtime drops state once the watermark (event time) passes its last update
 * plus its time-to-live, so memory depends on active users in the window, not on input size.
 * <p>
 * State is private to the detection that asks for it, unless {@code shared}: then every detection naming it sees the
 * one value, so that a history several detections consult (a user's suspicious sign-ins) is kept once, not once per
 * detection. The Flink adapter runs the catalogue as one keyed function, where a shared descriptor is one
 * {@code ValueState} of that function, serialized with {@link #codec}.
 */
public record StateDescriptor<T>(String name, Supplier<T> initial, Duration ttl, boolean shared, StateCodec<T> codec) {

    public StateDescriptor {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("state '" + name + "': time-to-live must be positive");
        if (codec.version() < 1 || codec.version() > 255) {
            throw new IllegalArgumentException("state '" + name + "': codec version must be 1-255, was " + codec.version());
        }
    }

    /** State private to the detection that asks for it. */
    public StateDescriptor(String name, Supplier<T> initial, Duration ttl, StateCodec<T> codec) {
        this(name, initial, ttl, false, codec);
    }

    /** State every detection naming it shares; they must agree on what it holds. */
    public static <T> StateDescriptor<T> shared(String name, Supplier<T> initial, Duration ttl, StateCodec<T> codec) {
        return new StateDescriptor<>(name, initial, ttl, true, codec);
    }
}
