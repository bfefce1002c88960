package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.events.Event;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Detections that observe the runtime instead of the tenant. */
final class Probes {
    private Probes() {
    }

    static DetectionInfo describe(String id) {
        return new DetectionInfo(id, id, Severity.INFO, KillChainStage.INITIAL_ACCESS, List.of(), "probe", "", "");
    }

    static Alert alert(String id, String user, Instant at, String explanation) {
        return new Alert(Alert.idOf("", id, user, at + explanation), "", user, user, id, id, Severity.INFO, 1.0, at, at, KillChainStage.INITIAL_ACCESS, List.of(),
                explanation, Alert.Infrastructure.NONE, List.of(), List.of());
    }

    /** A detection with a bug: every event makes it throw a fresh {@code failure}. */
    static Detection throwingOnEvery(String id, Supplier<RuntimeException> failure) {
        return new Detection() {
            @Override
            public DetectionInfo info() {
                return describe(id);
            }

            @Override
            public void onEvent(Event event, Context ctx) {
                throw failure.get();
            }
        };
    }

    /** Emits one alert per timer, stamped with the watermark the timer fired at. */
    static final class TimerAlert implements Detection {
        private final java.time.Duration delay;

        TimerAlert(java.time.Duration delay) {
            this.delay = delay;
        }

        @Override
        public DetectionInfo info() {
            return describe("probe-timer");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            ctx.registerTimer(event.time().plus(delay));
        }

        @Override
        public void onTimer(Instant time, Context ctx) {
            ctx.emit(alert("probe-timer", ctx.user(), time, "fired at watermark " + ctx.watermark()));
        }
    }
}
