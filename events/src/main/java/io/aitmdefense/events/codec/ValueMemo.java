package io.aitmdefense.events.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A value made from a run of bytes, handed back for the next equal run: a decoded string ({@link StringPool}), what a
 * mapper read from a field's JSON text ({@code Row.memoized}: a tenant's Conditional Access results come out the same
 * way for most sign-ins), what the codec decoded from a sign-in's device, place or policies. Such runs repeat from
 * record to record and cost more to read than to recognise.
 * <p>
 * Lossy and bounded: a fixed table where a hash of the bytes picks a pair of slots, the more recently used entry
 * first; a newcomer takes the first slot and pushes the other entry out. With one slot per hash, two frequent runs
 * that hashed alike kept evicting each other (decoding the 1M-row export's batch, a third of the string pool's misses).
 * Runs longer than the memo's bound are not kept. Safe from any number of threads as long as the values are
 * immutable: a slot holds one immutable entry, so a reader sees an old or a new one, never a torn one; a race may
 * lose or duplicate an entry, and a miss only costs reading the run again.
 */
public final class ValueMemo<T> {
    /** The default bound: a key is copied into its entry, so longer texts are read every time rather than held. */
    static final int MAX_KEY_BYTES = 16 << 10;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private record Entry<T>(int hash, byte[] key, T value) {
        boolean holds(int h, byte[] b, int from, int to) {
            return hash == h && Arrays.equals(key, 0, key.length, b, from, to);
        }
    }

    private final Entry<T>[] table;
    /**
     * Each slot's hash beside the table: both slots of a pair are ruled out from one cache line, and only an entry
     * whose hash matches is loaded (a lookup in a large table mostly waits for memory, not for the comparison). An
     * entry's own hash stays authoritative: this one may lag behind it in a race, costing a miss, never a wrong hit.
     */
    private final int[] hashes;
    private final int maxKeyBytes;

    /** @param slots a power of two, at least 2 */
    public ValueMemo(int slots) {
        this(slots, MAX_KEY_BYTES);
    }

    /**
     * @param slots       a power of two, at least 2
     * @param maxKeyBytes longer runs are not kept (they rarely repeat, and would push out the ones that do)
     */
    @SuppressWarnings("unchecked")
    public ValueMemo(int slots, int maxKeyBytes) {
        if (slots < 2 || Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two, at least 2: " + slots);
        table = (Entry<T>[]) new Entry<?>[slots];
        hashes = new int[slots];
        this.maxKeyBytes = maxKeyBytes;
    }

    /** The value kept for bytes {@code [from, to)} of {@code b}, or null. */
    public T get(byte[] b, int from, int to) {
        if (to - from > maxKeyBytes) return null;
        int h = hash(b, from, to);
        int slot = firstSlot(h);
        Entry<T> first = hashes[slot] == h ? table[slot] : null;
        if (first != null && first.holds(h, b, from, to)) return first.value;
        Entry<T> second = hashes[slot + 1] == h ? table[slot + 1] : null;
        if (second != null && second.holds(h, b, from, to)) {
            // the pair's second entry becomes its first (the more recently used)
            table[slot + 1] = table[slot];
            hashes[slot + 1] = hashes[slot];
            table[slot] = second;
            hashes[slot] = h;
            return second.value;
        }
        return null;
    }

    /** Keeps {@code value} for bytes {@code [from, to)} of {@code b} as its pair's first entry, pushing out its second. */
    public void put(byte[] b, int from, int to, T value) {
        if (to - from > maxKeyBytes) return;
        int h = hash(b, from, to);
        int slot = firstSlot(h);
        table[slot + 1] = table[slot];
        hashes[slot + 1] = hashes[slot];
        table[slot] = new Entry<>(h, Arrays.copyOfRange(b, from, to), value);
        hashes[slot] = h;
    }

    /** Which pair of slots the bytes go to, for tests that need runs competing for one pair. */
    int pairOf(byte[] b, int from, int to) {
        return firstSlot(hash(b, from, to)) >>> 1;
    }

    /** The first slot of the pair a hash picks (always even: the pair is it and the next). */
    private int firstSlot(int h) {
        return (h ^ (h >>> 16)) & (table.length - 2);
    }

    /** Eight bytes a step (the last eight overlapping the step before): a key may be kilobytes, hashed on every lookup. */
    static int hash(byte[] b, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
        if (i < to) {
            if (to - from >= 8) {
                h = (h ^ (long) LONGS.get(b, to - 8)) * 0x9E3779B97F4A7C15L;
            } else {
                for (; i < to; i++) h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
            }
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
