package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What detections see of their state, against the runtime the expiry buckets replaced: one cleanup timer per slot in
 * one ordered set with the detection timers (time, key, detection timers before cleanups), dropping the slot when its
 * time-to-live has passed since its last update. Seeded probes read, update and clear states of short lifetimes on
 * events and timers and register timers, over users, watermark steps of every size, late events and a snapshot and
 * restore half-way; every value read, and the live keys and state after each step, must be the same.
 */
class KeyedRuntimeExpiryTest {
    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    private static final StateCodec<Integer> INT = new StateCodec<>() {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(Integer value, DataOutput out) throws IOException {
            StateIo.varInt(value, out);
        }

        @Override
        public Integer read(DataInput in, int version) throws IOException {
            return StateIo.varInt(in);
        }
    };
    private static final StateDescriptor<Integer> SHARED = StateDescriptor.shared("shared", () -> 0, Duration.ofMinutes(5), INT);

    /** Reads, updates and clears its states and registers timers as a seeded die decides for each key and time. */
    static final class Probe implements Detection {
        final String id;
        final long seed;
        final List<StateDescriptor<Integer>> states;
        final List<String> seen;

        Probe(String id, long seed, List<String> seen) {
            this.id = id;
            this.seed = seed;
            this.seen = seen;
            this.states = List.of(SHARED,
                    new StateDescriptor<>("short", () -> 0, Duration.ofMinutes(2), INT),
                    new StateDescriptor<>("long", () -> 0, Duration.ofMinutes(11).plusSeconds(30), INT));
        }

        @Override
        public DetectionInfo info() {
            return Probes.describe(id);
        }

        @Override
        public List<StateDescriptor<?>> states() {
            return List.copyOf(states);
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            act("event", event.time(), ctx);
        }

        @Override
        public void onTimer(Instant time, Context ctx) {
            act("timer", time, ctx);
        }

        private void act(String on, Instant time, Context ctx) {
            Random die = new Random(Objects.hash(seed, id, ctx.key(), time, on));
            for (StateDescriptor<Integer> d : states) {
                ValueState<Integer> state = ctx.state(d);
                int value = state.value();
                seen.add(on + " " + time + " " + ctx.key() + " " + id + "/" + d.name() + " = " + value);
                switch (die.nextInt(5)) {
                    case 0, 1 -> state.update(value + 1);
                    case 2 -> state.clear();
                    default -> { }
                }
            }
            if (die.nextInt(3) == 0) {
                // on a minute, as the detections do, or anywhere in one; never in the past of a timer
                Instant at = time.plusSeconds(die.nextInt(12) * 60L + (die.nextBoolean() ? 0 : die.nextInt(60)));
                ctx.registerTimer(on.equals("timer") && !at.isAfter(time) ? time.plusSeconds(60) : at);
            }
            if (die.nextInt(3) == 0) {
                // a second kind in turn with the first, as session replay registers judging and trimming for each use
                ctx.registerTimer(time.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60L * (5 + die.nextInt(2))));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026, 7777})
    void detectionsSeeTheSameStateAsWithOneCleanupTimerPerSlot(long seed) throws IOException {
        List<String> seenByRuntime = new ArrayList<>(), seenByModel = new ArrayList<>();
        List<Detection> probes = List.of(new Probe("a", seed, seenByRuntime), new Probe("b", seed, seenByRuntime));
        KeyedRuntime runtime = new KeyedRuntime(probes, EngineScenarios.enrichment(), a -> { });
        CleanupTimerRuntime model = new CleanupTimerRuntime(List.of(new Probe("a", seed, seenByModel), new Probe("b", seed, seenByModel)));

        Random random = new Random(seed);
        Instant newest = T0, watermark = Instant.MIN;
        List<String> stepsByRuntime = new ArrayList<>(), stepsByModel = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            for (int i = random.nextInt(6); i > 0; i--) {
                newest = newest.plusSeconds(random.nextInt(90)).plusNanos(random.nextInt(2));
                // now and then an event behind the watermark, as the runtime takes them when used alone
                Instant t = random.nextInt(20) == 0 ? newest.minusSeconds(random.nextInt(900)) : newest;
                // five users and now and then one of a hundred others: the runtime's keys by number grow, and
                // users come and go
                String key = "user" + (random.nextInt(8) == 0 ? 5 + random.nextInt(100) : random.nextInt(5));
                Event event = KeyedRuntimeTest.at(key + "@contoso.example", t);
                runtime.process(key, "", event);
                model.process(key, event);
            }
            Instant to = newest.minusSeconds(random.nextInt(4) == 0 ? random.nextInt(1_800) : random.nextInt(60));
            if (to.isAfter(watermark)) {
                watermark = to;
                runtime.advanceWatermark(to);
                model.advanceWatermark(to);
            }
            stepsByRuntime.add(step + ": " + runtime.liveKeys() + " keys, " + runtime.liveStateEntries() + " states");
            stepsByModel.add(step + ": " + model.liveKeys() + " keys, " + model.liveStateEntries() + " states");
            if (step == 200) {
                KeyedRuntime restored = new KeyedRuntime(probes, EngineScenarios.enrichment(), a -> { });
                restored.restore(runtime.snapshot());
                runtime = restored;
            }
        }
        runtime.finish();
        model.advanceWatermark(Instant.MAX);

        // enough to compare: thousands of reads, and timers that find state alive as well as gone
        assertThat(seenByRuntime).hasSizeGreaterThan(5_000)
                .anyMatch(s -> s.startsWith("timer") && !s.endsWith("= 0"))
                .anyMatch(s -> s.startsWith("timer") && s.endsWith("= 0"));
        assertThat(seenByRuntime).isEqualTo(seenByModel);
        assertThat(stepsByRuntime).isEqualTo(stepsByModel);
        assertThat(runtime.liveKeys()).isZero();
    }

    /** The runtime before the expiry buckets, in its simplest form: every timer, cleanups too, in one sorted set. */
    static final class CleanupTimerRuntime {
        /** {@code what}: a detection's index, or {@code ~slot} for a cleanup. */
        private record Timer(Instant time, String key, int what) {
        }

        private static final Comparator<Timer> ORDER = Comparator.comparing(Timer::time).thenComparing(Timer::key)
                .thenComparingInt(t -> t.what() >= 0 ? t.what() : Integer.MAX_VALUE / 2 - t.what());

        private static final class Slot {
            Object value;
            Instant updated;
            Instant cleanupAt;
            Duration ttl;
        }

        private final List<Detection> detections;
        private final List<String> slotNames = new ArrayList<>();
        private final Map<String, Map<Integer, Slot>> keys = new HashMap<>();
        private final Map<String, Integer> pendingTimers = new HashMap<>();
        private final TreeSet<Timer> timers = new TreeSet<>(ORDER);
        private Instant watermark = Instant.MIN;

        CleanupTimerRuntime(List<Detection> detections) {
            this.detections = detections;
        }

        void process(String key, Event event) {
            for (int i = 0; i < detections.size(); i++) detections.get(i).onEvent(event, context(key, i, event.time()));
        }

        void advanceWatermark(Instant wm) {
            watermark = wm;
            while (!timers.isEmpty() && !timers.first().time().isAfter(wm)) {
                Timer t = timers.pollFirst();
                if (t.what() < 0) {
                    Slot s = keys.getOrDefault(t.key(), Map.of()).get(~t.what());
                    if (s == null || !s.cleanupAt.equals(t.time())) continue;
                    Instant expiry = s.updated.plus(s.ttl).plusNanos(1);
                    if (s.cleanupAt.isBefore(expiry)) {
                        s.cleanupAt = expiry;
                        timers.add(new Timer(expiry, t.key(), t.what()));
                    } else {
                        keys.get(t.key()).remove(~t.what());
                    }
                } else {
                    pendingTimers.merge(t.key(), -1, Integer::sum);
                    detections.get(t.what()).onTimer(t.time(), context(t.key(), t.what(), t.time()));
                }
            }
        }

        int liveKeys() {
            int n = 0;
            for (Map.Entry<String, Map<Integer, Slot>> k : keys.entrySet()) {
                if (!k.getValue().isEmpty() || pendingTimers.getOrDefault(k.getKey(), 0) > 0) n++;
            }
            return n;
        }

        int liveStateEntries() {
            return keys.values().stream().mapToInt(Map::size).sum();
        }

        private Context context(String key, int detection, Instant now) {
            return new Context() {
                @Override
                public String key() {
                    return key;
                }

                @Override
                public String tenant() {
                    return "";
                }

                @Override
                public String user() {
                    return key;
                }

                @Override
                public <T> ValueState<T> state(StateDescriptor<T> d) {
                    String name = (d.shared() ? "" : detections.get(detection).info().id()) + "/" + d.name();
                    if (!slotNames.contains(name)) slotNames.add(name);
                    int slot = slotNames.indexOf(name);
                    Map<Integer, Slot> slots = keys.computeIfAbsent(key, k -> new HashMap<>());
                    return new ValueState<>() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public T value() {
                            Slot s = slots.get(slot);
                            return s == null ? d.initial().get() : (T) s.value;
                        }

                        @Override
                        public void update(T value) {
                            Slot s = slots.get(slot);
                            if (s == null) {
                                s = new Slot();
                                s.ttl = d.ttl();
                                s.updated = now;
                                s.cleanupAt = now.plus(d.ttl()).plusNanos(1);
                                slots.put(slot, s);
                                timers.add(new Timer(s.cleanupAt, key, ~slot));
                            } else if (now.isAfter(s.updated)) {
                                s.updated = now;
                            }
                            s.value = value;
                        }

                        @Override
                        public void clear() {
                            slots.remove(slot);
                        }
                    };
                }

                @Override
                public void registerTimer(Instant time) {
                    if (timers.add(new Timer(time, key, detection))) pendingTimers.merge(key, 1, Integer::sum);
                }

                @Override
                public Instant watermark() {
                    return watermark;
                }

                @Override
                public void emit(Alert alert) {
                }

                @Override
                public Enrichment enrichment() {
                    return EngineScenarios.enrichment();
                }
            };
        }
    }
}
