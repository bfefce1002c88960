package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.DetectionInfo;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.events.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** State lifetime and failure handling of one shard's runtime. */
class KeyedRuntimeTest {
    static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    static final StateDescriptor<List<Instant>> SEEN = new StateDescriptor<>("seen", ArrayList::new, Duration.ofDays(2));

    /** Remembers event times for users whose name starts with "keep", only looks for the others. */
    static final class Remember implements Detection {
        @Override
        public DetectionInfo info() {
            return Probes.describe("remember");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            List<Instant> seen = ctx.state(SEEN).value();
            if (!ctx.key().startsWith("keep")) return;
            seen.add(event.time());
            ctx.state(SEEN).update(seen);
        }
    }

    static KeyedRuntime runtime(Detection d) {
        return new KeyedRuntime(List.of(d), EngineScenarios.enrichment(), a -> { }, (f, e) -> { });
    }

    static Event at(String user, Instant t) {
        return EngineScenarios.benignSignIn(user, t).build();
    }

    @Test
    void stateLivesItsTimeToLiveAfterTheLastUpdateAndNoLonger() {
        KeyedRuntime rt = runtime(new Remember());
        rt.process(at("keep@contoso.example", T0));
        rt.process(at("keep@contoso.example", T0.plus(Duration.ofDays(1))));

        rt.advanceWatermark(T0.plus(Duration.ofDays(3)));
        assertThat(rt.liveKeys()).isEqualTo(1);
        assertThat(rt.liveStateEntries()).isEqualTo(1);

        // two days after the last update, plus the hour between sweeps
        rt.advanceWatermark(T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
        assertThat(rt.liveKeys()).isZero();
        assertThat(rt.liveStateEntries()).isZero();
    }

    @Test
    void onlyReadingStateKeepsNoUserInMemory() {
        KeyedRuntime rt = runtime(new Remember());
        for (int i = 0; i < 50; i++) rt.process(at("look" + i + "@contoso.example", T0));
        rt.process(at("keep@contoso.example", T0));

        assertThat(rt.liveKeys()).isEqualTo(1);
        assertThat(rt.peakLiveKeys()).isEqualTo(1);
        assertThat(rt.peakStateEntries()).isEqualTo(1);
    }

    @Test
    void aUserWithAPendingTimerIsKeptUntilItFires() {
        List<Instant> fired = new ArrayList<>();
        Detection wakeLater = new Detection() {
            @Override
            public DetectionInfo info() {
                return Probes.describe("wake");
            }

            @Override
            public void onEvent(Event event, Context ctx) {
                ctx.registerTimer(event.time().plus(Duration.ofDays(10)));
            }

            @Override
            public void onTimer(Instant time, Context ctx) {
                fired.add(time);
            }
        };
        KeyedRuntime rt = runtime(wakeLater);
        rt.process(at("ann@contoso.example", T0));

        rt.advanceWatermark(T0.plus(Duration.ofDays(9)));
        assertThat(rt.liveKeys()).isEqualTo(1);
        assertThat(fired).isEmpty();

        rt.advanceWatermark(T0.plus(Duration.ofDays(10)));
        assertThat(fired).containsExactly(T0.plus(Duration.ofDays(10)));
        assertThat(rt.liveKeys()).isZero();
    }

    @Test
    void peaksRememberTheMostHeldAtOnce() {
        KeyedRuntime rt = runtime(new Remember());
        for (int i = 0; i < 5; i++) rt.process(at("keep" + i + "@contoso.example", T0));
        rt.finish();

        assertThat(rt.liveKeys()).isZero();
        assertThat(rt.peakLiveKeys()).isEqualTo(5);
        assertThat(rt.peakStateEntries()).isEqualTo(5);
    }

    @Test
    void withoutAFailureHandlerADetectionsExceptionReachesTheCaller() {
        Detection broken = Probes.throwingOnEvery("broken", () -> new IllegalStateException("bug"));
        KeyedRuntime rt = new KeyedRuntime(List.of(broken), EngineScenarios.enrichment(), a -> { });

        assertThatThrownBy(() -> rt.process(at("ann@contoso.example", T0))).hasMessage("bug");
    }
}
