package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * When something (a network, a device, a flow) was seen for a user: for each key, the earliest time on each UTC day.
 * That answers "seen within the last N days before t" exactly at day granularity, whatever the order the rows came
 * in, and costs at most N+1 numbers per key.
 */
final class TokenWithoutMfaHistory<V> {
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** What is remembered about a key beside its days (e.g. a representative network), and the days. */
    static final class Entry<V> {
        final V value;
        final TreeMap<Long, Long> earliestByDay = new TreeMap<>();
        /** The latest day and its earliest time, mirrored so that a repeat sighting on the same day costs no boxing. */
        private long latestDay = Long.MIN_VALUE;
        private long latestDayEarliest;

        Entry(V value) {
            this.value = value;
        }
    }

    private final int cap;
    final HashMap<String, Entry<V>> entries = new HashMap<>();

    TokenWithoutMfaHistory(int cap) {
        this.cap = cap;
    }

    void record(String key, V value, long time) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            if (entries.size() >= cap) dropStalest();
            e = new Entry<>(value);
            entries.put(key, e);
        }
        long day = Math.floorDiv(time, DAY);
        if (day == e.latestDay && time >= e.latestDayEarliest) return;
        long earliest = e.earliestByDay.merge(day, time, Math::min);
        if (day >= e.latestDay) {
            e.latestDay = day;
            e.latestDayEarliest = earliest;
        }
    }

    /** Whether the key was seen strictly before {@code time} and no more than {@code days} whole days before it. */
    boolean seenBefore(String key, long time, int days) {
        Entry<V> e = entries.get(key);
        return e != null && seenBefore(e, time, days);
    }

    static boolean seenBefore(Entry<?> e, long time, int days) {
        long day = Math.floorDiv(time, DAY);
        for (Map.Entry<Long, Long> d : e.earliestByDay.tailMap(day - days, true).entrySet()) {
            if (d.getKey() > day) break;
            if (d.getValue() < time) return true;
        }
        return false;
    }

    /** Forgets days that no longer fall into any window ending at or after {@code time}. */
    void forgetBefore(long time, int days) {
        long first = Math.floorDiv(time, DAY) - days;
        for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<V> e = it.next();
            e.earliestByDay.headMap(first).clear();
            if (e.earliestByDay.isEmpty()) it.remove();
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Writes the entries in key order, for a snapshot. */
    void write(DataOutput out, StateIo.Writer<V> value) throws IOException {
        StateIo.sortedMap(entries, out, (e, o) -> {
            value.write(e.value, o);
            StateIo.longMap(e.earliestByDay, o);
        });
    }

    /** Reads what {@link #write} wrote into this (empty) history. */
    void read(DataInput in, StateIo.Reader<V> value) throws IOException {
        StateIo.map(in, entries, i -> {
            Entry<V> e = new Entry<>(value.read(i));
            StateIo.longMap(i, e.earliestByDay);
            if (!e.earliestByDay.isEmpty()) {
                e.latestDay = e.earliestByDay.lastKey();
                e.latestDayEarliest = e.earliestByDay.lastEntry().getValue();
            }
            return e;
        });
    }

    private void dropStalest() {
        String stalest = null;
        long stalestDay = Long.MAX_VALUE;
        for (Map.Entry<String, Entry<V>> e : entries.entrySet()) {
            long last = e.getValue().earliestByDay.isEmpty() ? Long.MIN_VALUE : e.getValue().earliestByDay.lastKey();
            if (last < stalestDay || (last == stalestDay && e.getKey().compareTo(stalest) < 0)) {
                stalest = e.getKey();
                stalestDay = last;
            }
        }
        if (stalest != null) entries.remove(stalest);
    }
}
