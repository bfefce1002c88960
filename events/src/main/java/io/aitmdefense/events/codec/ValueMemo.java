package io.aitmdefense.events.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A value made from a run of bytes, handed back for the next equal run: what a mapper read from a field's JSON text
 * ({@code Row.memoized}: a tenant's Conditional Access results come out the same way for most sign-ins), what the
 * codec decoded from a sign-in's device, place or policies. Such runs repeat from record to record and cost more to
 * read than to recognise.
 * <p>
 * Lossy and bounded like the string pool: a fixed table indexed by a hash of the bytes, a newcomer replaces whatever
 * sat in its slot, values longer than {@link #MAX_KEY_BYTES} are not kept. Safe from any number of threads as long as
 * the values are immutable: a slot holds one immutable entry, so a reader sees an old or a new one, never a torn one.
 */
public final class ValueMemo<T> {
    /** A key is copied into its entry: longer texts are read every time rather than held. */
    static final int MAX_KEY_BYTES = 16 << 10;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private record Entry<T>(int hash, byte[] key, T value) {
    }

    private final Entry<T>[] table;

    /** @param slots a power of two */
    @SuppressWarnings("unchecked")
    public ValueMemo(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two: " + slots);
        table = (Entry<T>[]) new Entry<?>[slots];
    }

    /** The value kept for bytes {@code [from, to)} of {@code b}, or null. */
    public T get(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        Entry<T> e = table[h & (table.length - 1)];
        return e != null && e.hash == h && Arrays.equals(e.key, 0, e.key.length, b, from, to) ? e.value : null;
    }

    /** Keeps {@code value} for bytes {@code [from, to)} of {@code b}, in place of whatever shared its slot. */
    public void put(byte[] b, int from, int to, T value) {
        if (to - from > MAX_KEY_BYTES) return;
        int h = hash(b, from, to);
        table[h & (table.length - 1)] = new Entry<>(h, Arrays.copyOfRange(b, from, to), value);
    }

    /** Eight bytes a step: a key is kilobytes long and hashed on every lookup, equal or not. */
    static int hash(byte[] b, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
        for (; i < to; i++) h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
