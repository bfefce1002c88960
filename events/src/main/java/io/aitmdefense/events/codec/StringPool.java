package io.aitmdefense.events.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code String} instance for equal short UTF-8 byte runs. A run of millions of events repeats the same few
 * thousand users, addresses, user agents, app names and session ids; detections keep them in state for days of
 * event time, and without sharing every kept copy is its own 40–200 bytes.
 * <p>
 * Lossy and bounded: a fixed table where a string's hash picks a pair of slots, the more recently used entry first;
 * a newcomer takes the first slot and pushes the other entry out. With one slot per hash, two frequent strings that
 * hashed alike kept evicting each other: decoding the 1M-row export's batch, a third of all misses (1.71 → 1.12
 * million in 54 million lookups), each a fresh string whose hash is computed again wherever it is a key. Racy by design and still safe from any number of threads:
 * a slot holds one immutable entry, so a reader sees an old or a new entry, never a torn one; a race may lose or
 * duplicate an entry, and a miss only costs a fresh string.
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
        boolean holds(int h, byte[] buf, int offset, int length) {
            return hash == h && Arrays.equals(bytes, 0, bytes.length, buf, offset, offset + length);
        }
    }

    private static final Entry[] TABLE = new Entry[SLOTS];
    /**
     * Each slot's hash beside the table: both slots of a pair are ruled out from one cache line, and only an entry
     * whose hash matches is loaded (a lookup in a table this size mostly waits for memory, not for the comparison).
     * An entry's own hash stays authoritative: this one may lag behind it in a race, costing a miss, never a wrong hit.
     */
    private static final int[] HASHES = new int[SLOTS];

    private StringPool() {
    }

    /** The string of {@code length} UTF-8 bytes at {@code offset}, shared with earlier equal runs when still pooled. */
    public static String utf8(byte[] buf, int offset, int length) {
        if (length > MAX_BYTES) return new String(buf, offset, length, StandardCharsets.UTF_8);
        int h = hash(buf, offset, length);
        int slot = firstSlot(h);
        Entry first = HASHES[slot] == h ? TABLE[slot] : null;
        if (first != null && first.holds(h, buf, offset, length)) return first.value;
        Entry second = HASHES[slot + 1] == h ? TABLE[slot + 1] : null;
        if (second != null && second.holds(h, buf, offset, length)) {
            swap(slot);
            return second.value;
        }
        byte[] bytes = Arrays.copyOfRange(buf, offset, offset + length);
        String value = new String(bytes, StandardCharsets.UTF_8);
        TABLE[slot + 1] = TABLE[slot];
        HASHES[slot + 1] = HASHES[slot];
        TABLE[slot] = new Entry(h, bytes, value);
        HASHES[slot] = h;
        return value;
    }

    /** The pair's second entry becomes its first (the more recently used). */
    private static void swap(int slot) {
        Entry e = TABLE[slot];
        int h = HASHES[slot];
        TABLE[slot] = TABLE[slot + 1];
        HASHES[slot] = HASHES[slot + 1];
        TABLE[slot + 1] = e;
        HASHES[slot + 1] = h;
    }

    private static int hash(byte[] buf, int offset, int length) {
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) h = 31 * h + buf[i];
        return h;
    }

    /** The first slot of the pair a hash picks (always even: the pair is it and the next). */
    private static int firstSlot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 2);
    }

    /** Which pair of slots {@code s} goes to, for tests that need strings competing for one pair. */
    static int pairOf(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return firstSlot(hash(b, 0, b.length)) >>> 1;
    }

    /** {@code s} itself, or an equal pooled instance. */
    public static String of(String s) {
        if (s.isEmpty() || s.length() > MAX_BYTES / 3) return s;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return utf8(b, 0, b.length);
    }
}
