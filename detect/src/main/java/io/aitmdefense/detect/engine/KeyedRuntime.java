package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs detections for the keys of one shard on one thread: per-key state with event-time TTL, event-time timers
 * fired in (time, key, detection) order as the watermark advances. The local engine runs one per core; Flink
 * gives the same contract through its keyed state and timer service.
 */
public final class KeyedRuntime {
    private final List<Detection> detections;
    private final Enrichment enrichment;
    private final Consumer<Alert> out;
    private final Map<String, KeyState> keys = new HashMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>();
    private Instant watermark = Instant.MIN;
    private Instant lastSweep = Instant.MIN;

    public KeyedRuntime(List<Detection> detections, Enrichment enrichment, Consumer<Alert> out) {
        this.detections = detections;
        this.enrichment = enrichment;
        this.out = out;
    }

    /** Feeds one event to every detection under the event's user key. Events without a user are ignored. */
    public void process(Event event) {
        String key = event.user();
        if (key.isEmpty()) return;
        KeyState ks = keys.computeIfAbsent(key, k -> new KeyState());
        for (int i = 0; i < detections.size(); i++) {
            detections.get(i).onEvent(event, new Ctx(key, ks, i, event.time()));
        }
    }

    /** Fires every timer at or before {@code wm}, then drops state that outlived its TTL. */
    public void advanceWatermark(Instant wm) {
        if (!wm.isAfter(watermark)) return;
        watermark = wm;
        while (!timers.isEmpty() && !timers.first().time.isAfter(wm)) {
            Timer t = timers.pollFirst();
            KeyState ks = keys.computeIfAbsent(t.key, k -> new KeyState());
            ks.timers--;
            detections.get(t.detection).onTimer(t.time, new Ctx(t.key, ks, t.detection, t.time));
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

    public int liveStateEntries() {
        int n = 0;
        for (KeyState ks : keys.values()) n += ks.slots.size();
        return n;
    }

    private void expire(Instant wm) {
        for (Iterator<KeyState> it = keys.values().iterator(); it.hasNext(); ) {
            KeyState ks = it.next();
            ks.slots.values().removeIf(s -> s.expired(wm));
            if (ks.slots.isEmpty() && ks.timers == 0) it.remove();
        }
    }

    private static final class KeyState {
        final Map<String, Slot> slots = new HashMap<>(4);
        int timers;
    }

    private static final class Slot {
        Object value;
        Instant updated;
        final StateDescriptor<?> descriptor;

        Slot(StateDescriptor<?> descriptor) {
            this.descriptor = descriptor;
        }

        boolean expired(Instant wm) {
            if (wm == Instant.MAX) return true;
            return value == null || updated.plus(descriptor.ttl()).isBefore(wm);
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
            String name = detection + "/" + d.name();
            return new ValueState<>() {
                @Override
                @SuppressWarnings("unchecked")
                public T value() {
                    Slot s = ks.slots.get(name);
                    if (s == null || s.value == null) {
                        T fresh = d.initial().get();
                        Slot n = new Slot(d);
                        n.value = fresh;
                        n.updated = now;
                        ks.slots.put(name, n);
                        return fresh;
                    }
                    return (T) s.value;
                }

                @Override
                public void update(T value) {
                    Slot s = ks.slots.computeIfAbsent(name, k -> new Slot(d));
                    s.value = value;
                    if (s.updated == null || now.isAfter(s.updated)) s.updated = now;
                }

                @Override
                public void clear() {
                    ks.slots.remove(name);
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
