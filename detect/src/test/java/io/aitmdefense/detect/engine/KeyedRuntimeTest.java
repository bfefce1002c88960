package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.events.Event;
import org.junit.jupiter.api.Test;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** State lifetime and failure handling of one shard's runtime. */
class KeyedRuntimeTest {
    static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    /** Instants as epoch milliseconds. */
    static final StateCodec<List<Instant>> INSTANTS = new StateCodec<>() {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(List<Instant> value, DataOutput out) throws IOException {
            StateIo.list(value, out, (t, o) -> StateIo.varLong(t.toEpochMilli(), o));
        }

        @Override
        public List<Instant> read(DataInput in, int version) throws IOException {
            return StateIo.list(in, i -> Instant.ofEpochMilli(StateIo.varLong(i)));
        }
    };
    static final StateDescriptor<List<Instant>> SEEN = new StateDescriptor<>("seen", ArrayList::new, Duration.ofDays(2), INSTANTS);

    /** Remembers event times for users whose name starts with "keep", only looks for the others. */
    static final class Remember implements Detection {
        @Override
        public DetectionInfo info() {
            return Probes.describe("remember");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            List<Instant> seen = ctx.state(SEEN).value();
            if (!ctx.user().startsWith("keep")) return;
            seen.add(event.time());
            ctx.state(SEEN).update(seen);
        }
    }

    /** Appends the event time to the list under {@code descriptor} and records what it saw there before. */
    static final class Append implements Detection {
        final StateDescriptor<List<Instant>> descriptor;
        final List<Integer> sizesSeen = new ArrayList<>();

        Append(StateDescriptor<List<Instant>> descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public DetectionInfo info() {
            return Probes.describe("append");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            List<Instant> list = ctx.state(descriptor).value();
            sizesSeen.add(list.size());
            list.add(event.time());
            ctx.state(descriptor).update(list);
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

        // exactly two days after the last update the state still lives (the first cleanup timer found it updated since)
        rt.advanceWatermark(T0.plus(Duration.ofDays(3)));
        assertThat(rt.liveKeys()).isEqualTo(1);
        assertThat(rt.liveStateEntries()).isEqualTo(1);

        // its event-time cleanup timer drops it the moment the watermark passes the time-to-live: no sweep delay
        rt.advanceWatermark(T0.plus(Duration.ofDays(3)).plusMillis(1));
        assertThat(rt.liveKeys()).isZero();
        assertThat(rt.liveStateEntries()).isZero();
    }

    @Test
    void aDetectionTimerSeesStateThatExpiredBeforeItsTimeAsGoneEvenInTheSameWatermarkStep() {
        Instant ttlPassed = T0.plus(Duration.ofDays(2)).plusSeconds(60);
        List<Integer> sizesSeen = new ArrayList<>();
        Detection lookLater = new Detection() {
            @Override
            public DetectionInfo info() {
                return Probes.describe("look-later");
            }

            @Override
            public void onEvent(Event event, Context ctx) {
                ctx.state(SEEN).update(new ArrayList<>(List.of(event.time())));
                ctx.registerTimer(T0.plus(Duration.ofDays(2)));
                ctx.registerTimer(ttlPassed);
            }

            @Override
            public void onTimer(Instant time, Context ctx) {
                List<Instant> seen = ctx.state(SEEN).value();
                sizesSeen.add(seen.size());
                if (time.equals(ttlPassed)) {
                    seen.add(time);
                    ctx.state(SEEN).update(seen);
                }
            }
        };
        KeyedRuntime rt = runtime(lookLater);
        rt.process(at("ann@contoso.example", T0));

        // one step past both timers: the first is exactly the time-to-live after the update, the second a minute later
        rt.advanceWatermark(T0.plus(Duration.ofDays(3)));
        assertThat(sizesSeen).containsExactly(1, 0);
        // the second timer's update starts the state afresh, living two days from the timer's time
        assertThat(rt.liveStateEntries()).isEqualTo(1);
        rt.advanceWatermark(ttlPassed.plus(Duration.ofDays(2)));
        assertThat(rt.liveStateEntries()).isEqualTo(1);
        rt.advanceWatermark(ttlPassed.plus(Duration.ofDays(2)).plusNanos(1));
        assertThat(rt.liveStateEntries()).isZero();
        assertThat(rt.liveKeys()).isZero();
    }

    @Test
    void sharedStateIsOneValueForEveryDetectionNamingItWhilePrivateStateOfTheSameNameIsNot() {
        StateDescriptor<List<Instant>> shared = StateDescriptor.shared("history", ArrayList::new, Duration.ofDays(2), INSTANTS);
        StateDescriptor<List<Instant>> own = new StateDescriptor<>("history", ArrayList::new, Duration.ofDays(2), INSTANTS);
        Append first = new Append(shared), second = new Append(shared), alone = new Append(own), other = new Append(own);
        KeyedRuntime rt = new KeyedRuntime(List.of(first, second, alone, other), EngineScenarios.enrichment(), a -> { });

        rt.process(at("keep@contoso.example", T0));
        rt.process(at("keep@contoso.example", T0.plusSeconds(60)));

        // the second sharer sees what the first appended a moment before; private state stays each detection's own
        assertThat(first.sizesSeen).containsExactly(0, 2);
        assertThat(second.sizesSeen).containsExactly(1, 3);
        assertThat(alone.sizesSeen).containsExactly(0, 1);
        assertThat(other.sizesSeen).containsExactly(0, 1);
        assertThat(rt.liveStateEntries()).isEqualTo(3);
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
