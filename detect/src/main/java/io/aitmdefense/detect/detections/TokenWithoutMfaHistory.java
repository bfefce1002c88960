package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * When something (a network, a device, a flow) was seen for a user: for each key, the earliest time on each UTC day.
 * That answers "seen within the last N days before t" exactly at day granularity, whatever the order the rows came
 * in, and costs at most N+1 numbers per key.
 * <p>
 * Every user holds several of these for two weeks, so they are plain arrays: a key's days are one sorted {@code long[]}
 * of earliest times (a time names its own day), the keys a short array searched by hash. A hash map of tree maps of
 * boxed longs cost five times the memory and made the 1M-row run thrash the collector.
 */
final class TokenWithoutMfaHistory<V> {
    private static final long DAY = Duration.ofDays(1).toMillis();
    @SuppressWarnings("rawtypes")
    private static final Entry[] NONE = new Entry[0];

    /** A key, what is remembered about it beside its days (e.g. a representative network), and the days. */
    static final class Entry<V> {
        final String key;
        private final int hash;
        final V value;
        /** The earliest time (epoch ms) on each UTC day the key was seen, ascending; {@code days} of them are used. */
        private long[] earliest = new long[1];
        private int days;

        Entry(String key, V value) {
            this.key = key;
            this.hash = key.hashCode();
            this.value = value;
        }

        private void record(long time) {
            long day = Math.floorDiv(time, DAY);
            int i = days - 1;
            // rows come mostly in time order: the newest day is checked first, then the insertion point is found backwards
            while (i >= 0 && Math.floorDiv(earliest[i], DAY) > day) i--;
            if (i >= 0 && Math.floorDiv(earliest[i], DAY) == day) {
                if (time < earliest[i]) earliest[i] = time;
                return;
            }
            // one more day at a time: a key gains at most one a day, and doubling left a third of these arrays unused
            if (days == earliest.length) earliest = Arrays.copyOf(earliest, days + 1);
            System.arraycopy(earliest, i + 1, earliest, i + 2, days - i - 1);
            earliest[i + 1] = time;
            days++;
        }

        /** Whether seen strictly before {@code time} and no more than {@code within} whole days before it. */
        boolean seenBefore(long time, int within) {
            long day = Math.floorDiv(time, DAY);
            for (int i = days - 1; i >= 0; i--) {
                long d = Math.floorDiv(earliest[i], DAY);
                if (d < day - within) return false;
                if (d <= day && earliest[i] < time) return true;
            }
            return false;
        }

        /** Drops the days before {@code firstDay}; true when none is left. */
        private boolean forgetBefore(long firstDay) {
            int drop = 0;
            while (drop < days && Math.floorDiv(earliest[drop], DAY) < firstDay) drop++;
            if (drop > 0) {
                System.arraycopy(earliest, drop, earliest, 0, days - drop);
                days -= drop;
            }
            return days == 0;
        }

        private long lastDay() {
            return days == 0 ? Long.MIN_VALUE : Math.floorDiv(earliest[days - 1], DAY);
        }

        private long firstDay() {
            return days == 0 ? Long.MAX_VALUE : Math.floorDiv(earliest[0], DAY);
        }
    }

    private final int cap;
    @SuppressWarnings("unchecked")
    private Entry<V>[] entries = NONE;
    private int size;
    /**
     * A day at or before every day held (the oldest exactly after a forgetting): timers ask to forget every minute,
     * and a forgetting that cannot drop a day need not visit every entry.
     */
    private long heldFrom = Long.MAX_VALUE;

    TokenWithoutMfaHistory(int cap) {
        this.cap = cap;
    }

    void record(String key, V value, long time) {
        Entry<V> e = find(key);
        if (e == null) {
            if (size >= cap) dropStalest();
            e = add(key, value);
        }
        e.record(time);
        heldFrom = Math.min(heldFrom, Math.floorDiv(time, DAY));
    }

    private Entry<V> add(String key, V value) {
        Entry<V> e = new Entry<>(key, value);
        if (size == entries.length) entries = Arrays.copyOf(entries, Math.max(2, size * 2));
        entries[size++] = e;
        return e;
    }

    /** Whether the key was seen strictly before {@code time} and no more than {@code days} whole days before it. */
    boolean seenBefore(String key, long time, int days) {
        Entry<V> e = find(key);
        return e != null && e.seenBefore(time, days);
    }

    /** Whether any key whose value {@code matches} was seen strictly before {@code time}, within {@code days} days. */
    boolean anySeenBefore(long time, int days, Predicate<? super V> matches) {
        for (int i = 0; i < size; i++) {
            if (entries[i].seenBefore(time, days) && matches.test(entries[i].value)) return true;
        }
        return false;
    }

    /** Forgets days that no longer fall into any window ending at or after {@code time}. */
    void forgetBefore(long time, int days) {
        long first = Math.floorDiv(time, DAY) - days;
        if (first <= heldFrom) return;
        int kept = 0;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            Entry<V> e = entries[i];
            if (e.forgetBefore(first)) continue;
            oldest = Math.min(oldest, e.firstDay());
            entries[kept++] = e;
        }
        Arrays.fill(entries, kept, size, null);
        size = kept;
        heldFrom = oldest;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Writes the entries in key order, each with its (day, earliest time) pairs, for a snapshot. */
    void write(DataOutput out, StateIo.Writer<V> value) throws IOException {
        Entry<V>[] sorted = Arrays.copyOf(entries, size);
        Arrays.sort(sorted, Comparator.comparing(e -> e.key));
        StateIo.varInt(size, out);
        for (Entry<V> e : sorted) {
            StateIo.str(e.key, out);
            value.write(e.value, out);
            StateIo.varInt(e.days, out);
            for (int i = 0; i < e.days; i++) {
                StateIo.varLong(Math.floorDiv(e.earliest[i], DAY), out);
                StateIo.varLong(e.earliest[i], out);
            }
        }
    }

    /** Reads what {@link #write} wrote into this (empty) history. */
    void read(DataInput in, StateIo.Reader<V> value) throws IOException {
        for (int n = StateIo.varInt(in); n > 0; n--) {
            String key = StateIo.str(in);
            V v = value.read(in);
            Entry<V> e = find(key);
            if (e == null) e = add(key, v);
            for (int d = StateIo.varInt(in); d > 0; d--) {
                StateIo.varLong(in); // the day, implied by the time
                long time = StateIo.varLong(in);
                e.record(time);
                heldFrom = Math.min(heldFrom, Math.floorDiv(time, DAY));
            }
        }
    }

    private Entry<V> find(String key) {
        int h = key.hashCode();
        for (int i = 0; i < size; i++) {
            Entry<V> e = entries[i];
            if (e.hash == h && e.key.equals(key)) return e;
        }
        return null;
    }

    /** Makes room by the key seen least recently (by day; the smallest key among equals), whatever the entries' order. */
    private void dropStalest() {
        int stalest = -1;
        long stalestDay = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            long last = entries[i].lastDay();
            if (last < stalestDay || (last == stalestDay && entries[i].key.compareTo(entries[stalest].key) < 0)) {
                stalest = i;
                stalestDay = last;
            }
        }
        if (stalest < 0) return;
        entries[stalest] = entries[size - 1];
        entries[--size] = null;
    }
}
