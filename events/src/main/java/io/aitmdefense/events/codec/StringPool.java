package io.aitmdefense.events.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code String} instance for equal short UTF-8 byte runs. A run of millions of events repeats the same few
 * thousand users, addresses, user agents, app names and session ids; detections keep them in state for days of
 * event time, and without sharing every kept copy is its own 40–200 bytes.
 * <p>
 * Lossy and bounded: a fixed table indexed by hash, where a newcomer replaces whatever sat in its slot. Racy by
 * design and still safe from any number of threads: a slot holds one immutable entry, so a reader sees either the
 * old or the new pair, never a torn one, and a miss only costs a fresh string.
 */
public final class StringPool {
    /** Longer runs (explanations, full URLs) rarely repeat; pooling them would only evict the ones that do. */
    static final int MAX_BYTES = 256;
    /**
     * A 1M-row export repeats some hundred thousand short strings (ten thousand users' addresses, devices, sessions):
     * at 64k slots they kept evicting each other and many lookups decoded a fresh string anyway. An entry keeps a copy
     * of its bytes: comparing them vectorised costs far less on a hit than comparing the string's chars one by one.
     */
    private static final int SLOTS = 1 << 17;

    private record Entry(int hash, byte[] bytes, String value) {
    }

    private static final Entry[] TABLE = new Entry[SLOTS];

    private StringPool() {
    }

    /** The string of {@code length} UTF-8 bytes at {@code offset}, shared with earlier equal runs when still pooled. */
    public static String utf8(byte[] buf, int offset, int length) {
        if (length > MAX_BYTES) return new String(buf, offset, length, StandardCharsets.UTF_8);
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) h = 31 * h + buf[i];
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = TABLE[slot];
        if (e != null && e.hash == h && Arrays.equals(e.bytes, 0, e.bytes.length, buf, offset, offset + length)) {
            return e.value;
        }
        byte[] bytes = Arrays.copyOfRange(buf, offset, offset + length);
        String value = new String(bytes, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(h, bytes, value);
        return value;
    }

    /** {@code s} itself, or an equal pooled instance. */
    public static String of(String s) {
        if (s.isEmpty() || s.length() > MAX_BYTES / 3) return s;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return utf8(b, 0, b.length);
    }
}
