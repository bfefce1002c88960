package io.aitmdefense.detect.api;

import io.aitmdefense.model.DetectionInfo;

import io.aitmdefense.events.Event;

import java.time.Instant;
import java.util.List;

/**
 * A detection, written once against keyed state and event-time timers, run unchanged by the local engine
 * and by the Flink adapter (a {@code KeyedProcessFunction}). Events arrive grouped by user (see {@link Context#key}):
 * all state is per user and lives in {@link Context#state}; an implementation keeps no per-key fields.
 * <p>
 * Results must not depend on arrival order: update state on events, and decide either order-independently
 * or in {@link #onTimer} once the watermark has passed the end of the correlation window.
 */
public interface Detection {

    DetectionInfo info();

    /**
     * Every state this detection asks for. A snapshot is restored through their codecs: a restore refuses state under
     * a name no detection lists here.
     */
    default List<StateDescriptor<?>> states() {
        return List.of();
    }

    void onEvent(Event event, Context ctx);

    /** Called when the watermark passes a time registered with {@link Context#registerTimer}. */
    default void onTimer(Instant time, Context ctx) {
    }
}
