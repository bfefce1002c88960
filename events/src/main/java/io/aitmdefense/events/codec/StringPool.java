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
     * at 64k slots they kept evicting each other and most lookups decoded a fresh string anyway.
     */
    private static final int SLOTS = 1 << 17;

    /** The pooled string; its UTF-8 bytes only when they are not plain ASCII (else the string's chars are the bytes). */
    private record Entry(int hash, String value, byte[] nonAscii) {
        boolean holds(byte[] buf, int offset, int length) {
            if (nonAscii != null) return Arrays.equals(nonAscii, 0, nonAscii.length, buf, offset, offset + length);
            if (value.length() != length) return false;
            for (int i = 0; i < length; i++) if (value.charAt(i) != buf[offset + i]) return false; // a negative byte never matches
            return true;
        }
    }

    private static final Entry[] TABLE = new Entry[SLOTS];

    private StringPool() {
    }

    /** The string of {@code length} UTF-8 bytes at {@code offset}, shared with earlier equal runs when still pooled. */
    public static String utf8(byte[] buf, int offset, int length) {
        if (length > MAX_BYTES) return new String(buf, offset, length, StandardCharsets.UTF_8);
        int h = 1, ascii = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + buf[i];
            ascii |= buf[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = TABLE[slot];
        if (e != null && e.hash == h && e.holds(buf, offset, length)) return e.value;
        String value = new String(buf, offset, length, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(h, value, ascii < 0 ? Arrays.copyOfRange(buf, offset, offset + length) : null);
        return value;
    }

    /** {@code s} itself, or an equal pooled instance. */
    public static String of(String s) {
        if (s.isEmpty() || s.length() > MAX_BYTES / 3) return s;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return utf8(b, 0, b.length);
    }
}
