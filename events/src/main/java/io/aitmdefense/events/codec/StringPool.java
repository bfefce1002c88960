package io.aitmdefense.events.codec;

import java.nio.charset.StandardCharsets;

/**
 * One {@code String} instance for equal short UTF-8 byte runs. A run of millions of events repeats the same few
 * thousand users, addresses, user agents, app names and session ids; detections keep them in state for days of
 * event time, and without sharing every kept copy is its own 40–200 bytes.
 * <p>
 * A {@link ValueMemo} of strings, lossy and bounded like every memo: a miss only costs a fresh string.
 */
public final class StringPool {
    /** Longer runs (explanations, full URLs) rarely repeat; pooling them would only evict the ones that do. */
    static final int MAX_BYTES = 256;
    /**
     * A 1M-row export repeats some hundred thousand short strings (ten thousand users' addresses, devices, sessions):
     * at 64k slots they kept evicting each other and many lookups decoded a fresh string anyway. An entry keeps a copy
     * of its bytes: comparing them vectorised costs far less on a hit than comparing the string's chars one by one.
     */
    private static final ValueMemo<String> STRINGS = new ValueMemo<>(1 << 17, MAX_BYTES);

    private StringPool() {
    }

    /** The string of {@code length} UTF-8 bytes at {@code offset}, shared with earlier equal runs when still pooled. */
    public static String utf8(byte[] buf, int offset, int length) {
        String known = STRINGS.get(buf, offset, offset + length);
        if (known != null) return known;
        String value = new String(buf, offset, length, StandardCharsets.UTF_8);
        STRINGS.put(buf, offset, offset + length, value);
        return value;
    }

    /** Which pair of slots {@code s} goes to, for tests that need strings competing for one pair. */
    static int pairOf(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return STRINGS.pairOf(b, 0, b.length);
    }

    /** {@code s} itself, or an equal pooled instance. */
    public static String of(String s) {
        if (s.isEmpty() || s.length() > MAX_BYTES / 3) return s;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return utf8(b, 0, b.length);
    }
}
