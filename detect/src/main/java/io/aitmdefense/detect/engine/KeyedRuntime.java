package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;

import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs detections for the keys of one shard on one thread: per-key state with event-time TTL, event-time timers
 * fired in (time, key, detection) order as the watermark advances. The local engine runs one per core; Flink
 * gives the same contract through its keyed state and timer service.
 * <p>
 * State lives while it is updated: a slot expires once the watermark is more than its descriptor's TTL past the
 * event time of its last update, and a key is dropped when it has no slots and no pending timers. Reading absent
 * state returns the descriptor's initial value without storing it (as Flink's {@code ValueState} does), so a
 * lookup alone never keeps a user in memory.
 */
public final class KeyedRuntime {
    /** Receives a detection's exception for one event or timer. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(DetectionFailure failure, RuntimeException cause);
    }

    private final List<Detection> detections;
    private final Enrichment enrichment;
    private final Consumer<Alert> out;
    private final FailureHandler failures;
    private final Map<String, KeyState> keys = new HashMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>();
    private Instant watermark = Instant.MIN;
    private Instant lastSweep = Instant.MIN;
    private int stateEntries;
    private int peakKeys;
    private int peakStateEntries;

    /** A runtime where a detection's exception propagates to the caller (tests of one detection want to see it). */
    public KeyedRuntime(List<Detection> detections, Enrichment enrichment, Consumer<Alert> out) {
        this(detections, enrichment, out, (failure, cause) -> {
            throw cause;
        });
    }

    public KeyedRuntime(List<Detection> detections, Enrichment enrichment, Consumer<Alert> out, FailureHandler failures) {
        this.detections = List.copyOf(detections);
        this.enrichment = enrichment;
        this.out = out;
        this.failures = failures;
    }

    /** Feeds one event to every detection under the event's user key. Events without a user are ignored. */
    public void process(Event event) {
        String key = event.user();
        if (key.isEmpty()) return;
        KeyState ks = keys.computeIfAbsent(key, k -> new KeyState());
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            try {
                d.onEvent(event, new Ctx(key, ks, i, event.time()));
            } catch (RuntimeException e) {
                failures.failed(DetectionFailure.of(d.info().id(), key, event.time(), event.source().toString(), e), e);
            }
        }
        dropIfEmpty(key, ks);
        if (keys.size() > peakKeys) peakKeys = keys.size();
    }

    /** Fires every timer at or before {@code wm}, then drops state that outlived its TTL. */
    public void advanceWatermark(Instant wm) {
        if (!wm.isAfter(watermark)) return;
        watermark = wm;
        while (!timers.isEmpty() && !timers.first().time.isAfter(wm)) {
            Timer t = timers.pollFirst();
            KeyState ks = keys.get(t.key);
            ks.timers--;
            Detection d = detections.get(t.detection);
            try {
                d.onTimer(t.time, new Ctx(t.key, ks, t.detection, t.time));
            } catch (RuntimeException e) {
                failures.failed(DetectionFailure.of(d.info().id(), t.key, t.time, "timer", e), e);
            }
            dropIfEmpty(t.key, ks);
        }
        // sweeping is linear in live keys: do it at most once per hour of event time
        if (lastSweep == Instant.MIN || wm == Instant.MAX || wm.isAfter(lastSweep.plusSeconds(3600))) {
            lastSweep = wm;
            expire(wm);
        }
    }

    public void finish() {
        advanceWatermark(Instant.MAX);
    }

    public Instant watermark() {
        return watermark;
    }

    /** Number of keys with live state or pending timers: what memory grows with. */
    public int liveKeys() {
        return keys.size();
    }

    /** Number of state values held over all keys. */
    public int liveStateEntries() {
        return stateEntries;
    }

    /** The most keys held at once since this runtime started. */
    public int peakLiveKeys() {
        return peakKeys;
    }

    /** The most state values held at once since this runtime started. */
    public int peakStateEntries() {
        return peakStateEntries;
    }

    private void expire(Instant wm) {
        // one cut-off per descriptor rather than an Instant per slot: the sweep visits every slot of every key
        Map<StateDescriptor<?>, Instant> cutoffs = new IdentityHashMap<>();
        for (Iterator<KeyState> it = keys.values().iterator(); it.hasNext(); ) {
            KeyState ks = it.next();
            // most keys hold only long-lived state between sweeps: skip them without touching their slots
            if (wm != Instant.MAX && ks.earliestExpiry != null && !ks.earliestExpiry.isBefore(wm)) continue;
            int before = ks.slots.size();
            ks.slots.values().removeIf(s -> s.expired(wm, cutoffs));
            stateEntries -= before - ks.slots.size();
            ks.earliestExpiry = null;
            for (Slot s : ks.slots.values()) ks.lowerExpiryBound(s.updated.plus(s.descriptor.ttl()));
            if (ks.slots.isEmpty() && ks.timers == 0) it.remove();
        }
    }

    private void dropIfEmpty(String key, KeyState ks) {
        if (ks.slots.isEmpty() && ks.timers == 0) keys.remove(key);
    }

    private void added() {
        stateEntries++;
        if (stateEntries > peakStateEntries) peakStateEntries = stateEntries;
    }

    private static final class KeyState {
        final Map<SlotKey, Slot> slots = new HashMap<>(8);
        int timers;
        /**
         * No slot of this key expires before this (null: unknown, check them). A lower bound is enough: updates only
         * move a slot's expiry later, so it stays true until a sweep recomputes it.
         */
        Instant earliestExpiry;

        void lowerExpiryBound(Instant expiry) {
            if (earliestExpiry == null || expiry.isBefore(earliestExpiry)) earliestExpiry = expiry;
        }
    }

    private static final class Slot {
        Object value;
        Instant updated;
        final StateDescriptor<?> descriptor;

        Slot(StateDescriptor<?> descriptor) {
            this.descriptor = descriptor;
        }

        /** Whether {@code updated + ttl < wm}, asked as {@code updated < wm - ttl} with the cut-off computed once per sweep. */
        boolean expired(Instant wm, Map<StateDescriptor<?>, Instant> cutoffs) {
            if (wm == Instant.MAX) return true;
            Instant cutoff = cutoffs.get(descriptor);
            if (cutoff == null) {
                cutoff = wm.minus(descriptor.ttl());
                cutoffs.put(descriptor, cutoff);
            }
            return updated.isBefore(cutoff);
        }
    }

    /** The detection index of shared state: one slot per name for all detections. */
    private static final int SHARED = -1;

    /** A detection's state by name: detections may use the same names without sharing values, unless shared. */
    private record SlotKey(int detection, String name) {
        // written out: looked up for every state access, and the record's generated methods cost several times more
        @Override
        public boolean equals(Object o) {
            return o instanceof SlotKey k && k.detection == detection && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return 31 * detection + name.hashCode();
        }
    }

    private record Timer(Instant time, String key, int detection) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = time.compareTo(o.time);
            if (c != 0) return c;
            c = key.compareTo(o.key);
            return c != 0 ? c : Integer.compare(detection, o.detection);
        }
    }

    private final class Ctx implements Context {
        private final String key;
        private final KeyState ks;
        private final int detection;
        private final Instant now;

        Ctx(String key, KeyState ks, int detection, Instant now) {
            this.key = key;
            this.ks = ks;
            this.detection = detection;
            this.now = now;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public <T> ValueState<T> state(StateDescriptor<T> d) {
            SlotKey name = new SlotKey(d.shared() ? SHARED : detection, d.name());
            return new ValueState<>() {
                @Override
                @SuppressWarnings("unchecked")
                public T value() {
                    Slot s = ks.slots.get(name);
                    return s == null ? d.initial().get() : (T) s.value;
                }

                @Override
                public void update(T value) {
                    if (value == null) {
                        clear();
                        return;
                    }
                    Slot s = ks.slots.get(name);
                    boolean created = s == null;
                    if (created) {
                        s = new Slot(d);
                        ks.slots.put(name, s);
                        added();
                    }
                    s.value = value;
                    if (s.updated == null || now.isAfter(s.updated)) s.updated = now;
                    if (created) ks.lowerExpiryBound(s.updated.plus(d.ttl()));
                }

                @Override
                public void clear() {
                    if (ks.slots.remove(name) != null) stateEntries--;
                }
            };
        }

        @Override
        public void registerTimer(Instant time) {
            if (timers.add(new Timer(time, key, detection))) ks.timers++;
        }

        @Override
        public Instant watermark() {
            return watermark;
        }

        @Override
        public void emit(Alert alert) {
            out.accept(alert);
        }

        @Override
        public io.aitmdefense.detect.enrich.Enrichment enrichment() {
            return enrichment;
        }
    }
}
