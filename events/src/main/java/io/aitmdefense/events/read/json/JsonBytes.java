package io.aitmdefense.events.read.json;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level JSON scanning over UTF-8: skip a value without building anything, find where a string ends, decode a
 * string. This is the fast layer the readers are built on; it never materialises values nobody asked for.
 */
public final class JsonBytes {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private JsonBytes() {
    }

    /** Bytes of {@code word} equal to the byte repeated in {@code pattern} get their high bit set (SWAR). */
    private static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /** Like {@link #matches} but without false positives above a match, so every set bit can be used. */
    private static long exactMatches(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    /** Index of the first {@code value} byte in [from, to), or -1; scans eight bytes per step. */
    public static int indexOf(byte[] b, byte value, int from, int to) {
        long pattern = ONES * (value & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = matches((long) LONGS.get(b, i), pattern);
            if (m != 0) return i + (Long.numberOfTrailingZeros(m) >>> 3);
        }
        for (; i < to; i++) if (b[i] == value) return i;
        return -1;
    }

    public static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return i;
            i++;
        }
        return i;
    }

    /**
     * Index just past the string whose opening quote is at {@code i}. Eight bytes per step even through escapes: JSON
     * text held in a string (Log Analytics' dynamic columns) has an escaped quote every few bytes, and stopping at each
     * one cost more than the rest of the scan.
     */
    public static int skipString(byte[] b, int i, int end) {
        i++;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long quotes = exactMatches(w, QUOTES), backslashes = exactMatches(w, BACKSLASHES);
            if (backslashes == 0) {
                if (quotes == 0) {
                    i += 8;
                    continue;
                }
                return i + (Long.numberOfTrailingZeros(quotes) >>> 3) + 1;
            }
            if ((backslashes & (backslashes << 8)) == 0) {
                // lone backslashes only: each escapes the byte after it, so the first quote not right after one ends the string
                long unescaped = quotes & ~(backslashes << 8);
                if (unescaped != 0) return i + (Long.numberOfTrailingZeros(unescaped) >>> 3) + 1;
                i += backslashes < 0 ? 9 : 8; // a backslash in the last byte escapes the next word's first
                continue;
            }
            // a run of backslashes: step to the first quote or backslash and resolve it byte-wise
            i += Long.numberOfTrailingZeros(quotes | backslashes) >>> 3;
            if (b[i] == '"') return i + 1;
            i += 2;
        }
        while (i < end) {
            byte c = b[i];
            if (c == '"') return i + 1;
            if (c == '\\') i += 2;
            else i++;
        }
        throw new JsonSyntaxError("unterminated string", end);
    }

    /** Index just past the value starting at {@code i} (which must not be whitespace). */
    public static int skipValue(byte[] b, int i, int end) {
        if (i >= end) throw new JsonSyntaxError("value expected but the record ended", end);
        byte c = b[i];
        if (c == '"') return skipString(b, i, end);
        if (c == '{' || c == '[') return skipContainer(b, i, end);
        int start = i;
        while (i < end) {
            c = b[i];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') break;
            i++;
        }
        if (i == start) throw new JsonSyntaxError("unexpected '" + (char) c + "'", i);
        return i;
    }

    /**
     * Index just past the object or array opening at {@code i}. Byte by byte on purpose: in log records quotes come
     * every few bytes, and an eight-byte scan for quotes and brackets measured slower than this loop.
     */
    private static int skipContainer(byte[] b, int i, int end) {
        int depth = 0;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                i = skipString(b, i, end);
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
            i++;
        }
        throw new JsonSyntaxError("unterminated " + (b[i - 1] == '[' ? "array" : "object"), end);
    }

    /** Decodes the string whose opening quote is at {@code start} and closing quote at {@code end - 1}. */
    public static String decodeString(byte[] b, int start, int end) {
        int from = start + 1, to = end - 1;
        if (indexOf(b, (byte) '\\', from, to) < 0) return new String(b, from, to - from, StandardCharsets.UTF_8);
        byte[] out = unescape(b, from, to);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of a string's content with escapes resolved (for JSON text stored inside a string). */
    public static byte[] unescape(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = unescapeInto(b, from, to, out);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Resolves the escapes of [from, to) into {@code out} (at least {@code to - from} long: no escape decodes to more
     * bytes than it is written with) and returns the length; runs without escapes are copied whole.
     */
    public static int unescapeInto(byte[] b, int from, int to, byte[] out) {
        int n = 0;
        int i = from;
        while (true) {
            // eight bytes at a time up to the next backslash; the output never runs ahead of the input, so the
            // eight-byte store stays inside out (at least to - from long). \" \/ and \\ — nearly every escape in JSON
            // text held in a string — are resolved here without leaving the loop.
            while (i + 8 <= to) {
                long w = (long) LONGS.get(b, i);
                LONGS.set(out, n, w);
                long m = matches(w, BACKSLASHES);
                if (m == 0) {
                    i += 8;
                    n += 8;
                    continue;
                }
                int k = Long.numberOfTrailingZeros(m) >>> 3;
                i += k;
                n += k;
                if (i + 1 >= to) break;
                byte escaped = b[i + 1];
                if (escaped == '"' || escaped == '/') {
                    i++; // drop the backslash; the next store copies the escaped byte as it is
                } else if (escaped == '\\') {
                    out[n++] = '\\';
                    i += 2;
                } else {
                    break;
                }
            }
            while (i < to && b[i] != '\\') out[n++] = b[i++];
            if (i >= to) return n;
            if (++i >= to) return n;
            switch (b[i]) {
                case 'n' -> out[n++] = '\n';
                case 't' -> out[n++] = '\t';
                case 'r' -> out[n++] = '\r';
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'u' -> {
                    if (i + 4 >= to) throw new JsonSyntaxError("truncated \\u escape", i);
                    int cp = Integer.parseInt(new String(b, i + 1, 4, StandardCharsets.US_ASCII), 16);
                    i += 4;
                    if (Character.isHighSurrogate((char) cp) && i + 6 < to && b[i + 1] == '\\' && b[i + 2] == 'u') {
                        int lo = Integer.parseInt(new String(b, i + 3, 4, StandardCharsets.US_ASCII), 16);
                        if (Character.isLowSurrogate((char) lo)) {
                            cp = Character.toCodePoint((char) cp, (char) lo);
                            i += 6;
                        }
                    }
                    byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(enc, 0, out, n, enc.length);
                    n += enc.length;
                }
                default -> out[n++] = b[i]; // \" \\ \/
            }
            i++;
        }
    }
}
