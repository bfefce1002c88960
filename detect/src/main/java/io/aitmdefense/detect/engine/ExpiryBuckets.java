package io.aitmdefense.detect.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each state slot of one {@link KeyedRuntime} may be forgotten: entries in buckets of 64 seconds of expiry time,
 * unordered inside a bucket, looked at once the watermark reaches the bucket's start. An entry's expiry may move later
 * after it was added (its slot was updated): it is asked for again when its bucket is swept and moved on then, the way a
 * cleanup timer was moved on when it fired. An entry whose slot has gone since is dropped at that point.
 * <p>
 * The runtime held one cleanup timer per slot in its timer heap instead: every slot created cost a heap insertion and
 * a removal (each a dozen comparisons of time and key), and a cleared slot's timer stayed in the heap until its time,
 * making every other timer's insertion and removal dearer. Here adding costs an array store and sweeping looks at each
 * entry once per bucket it passes through.
 *
 * @param <T> an entry: what the runtime asks {@link Sweeper} about
 */
final class ExpiryBuckets<T> {
    /** Bucket width as a shift of epoch seconds: 2^6 = 64 s, about the minute the detections' timers are aligned to. */
    private static final int WIDTH_SHIFT = 6;
    /** Recently used buckets by the low bits of their number, so that adding does not look the bucket up in the tree. */
    private static final int CACHED = 64;

    /** What the runtime decides for an entry of a bucket that is due. */
    interface Sweeper<T> {
        /** {@link #sweep}: the entry's slot has gone since it was added. */
        long GONE = Long.MIN_VALUE;
        /** {@link #sweep}: the entry's slot expired at or before the watermark, and the sweeper has forgotten it. */
        long EXPIRED = Long.MIN_VALUE + 1;

        /**
         * {@link #GONE}, {@link #EXPIRED} (forgetting the slot), or else the epoch second of the entry's expiry now,
         * after {@code watermark} (later than when it was added if its slot was updated since).
         */
        long sweep(T entry, Instant watermark);
    }

    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private final Bucket[] recent = new Bucket[CACHED];
    private int size;

    /** Adds an entry expiring in the epoch second {@code expirySecond}. */
    void add(long expirySecond, T entry) {
        long number = expirySecond >> WIDTH_SHIFT;
        int hint = (int) number & (CACHED - 1);
        Bucket b = recent[hint];
        if (b == null || b.number != number) {
            b = buckets.computeIfAbsent(number, Bucket::new);
            recent[hint] = b;
        }
        b.add(entry);
        size++;
    }

    /**
     * Hands {@code sweeper} every entry of the buckets the watermark has reached: it forgets those expiring at or before
     * {@code watermark}, the ones whose slot has gone are dropped, the others stay, in the bucket of their expiry now.
     * Entries come out in bucket order, unordered inside a bucket.
     */
    void sweep(Instant watermark, Sweeper<T> sweeper) {
        long due = watermark.getEpochSecond() >> WIDTH_SHIFT;
        // buckets wholly before the watermark's own: every entry leaves, expired or moved to the bucket of its expiry
        for (Map.Entry<Long, Bucket> first = buckets.firstEntry(); first != null && first.getKey() < due;
             first = buckets.firstEntry()) {
            Bucket b = first.getValue();
            buckets.pollFirstEntry();
            forget(b);
            size -= b.count;
            for (int i = 0; i < b.count; i++) {
                T entry = b.entry(i);
                long expiry = sweeper.sweep(entry, watermark);
                if (expiry != Sweeper.GONE && expiry != Sweeper.EXPIRED) add(expiry, entry);
            }
        }
        // the watermark's own bucket: the entries expiring after it stay here, unless their expiry moved on
        Bucket b = buckets.get(due);
        if (b == null) return;
        int kept = 0;
        for (int i = 0; i < b.count; i++) {
            T entry = b.entry(i);
            long expiry = sweeper.sweep(entry, watermark);
            if (expiry != Sweeper.GONE && expiry != Sweeper.EXPIRED) {
                if (expiry >> WIDTH_SHIFT == due) {
                    b.entries[kept++] = entry;
                    continue;
                }
                add(expiry, entry);
            }
            size--;
        }
        Arrays.fill(b.entries, kept, b.count, null);
        b.count = kept;
        if (kept == 0) {
            buckets.remove(due);
            forget(b);
        }
    }

    /** Entries held, those of slots gone since included until their bucket is swept. */
    int size() {
        return size;
    }

    private void forget(Bucket b) {
        int hint = (int) b.number & (CACHED - 1);
        if (recent[hint] == b) recent[hint] = null;
    }

    private static final class Bucket {
        final long number;
        Object[] entries = new Object[16];
        int count;

        Bucket(long number) {
            this.number = number;
        }

        void add(Object entry) {
            if (count == entries.length) entries = Arrays.copyOf(entries, count * 2);
            entries[count++] = entry;
        }

        @SuppressWarnings("unchecked")
        <T> T entry(int i) {
            return (T) entries[i];
        }
    }
}
