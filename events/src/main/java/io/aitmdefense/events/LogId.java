package io.aitmdefense.events;

import java.nio.charset.StandardCharsets;

/**
 * An id a log row names that is new on almost every row: a sign-in's request and correlation id, a token's unique
 * identifier, an audit record's id. A large run decodes millions of them and few are ever read as text (evidence
 * spells out the ones it cites), so the two common shapes are held as 128 bits instead of a string: a lower-case GUID
 * ({@code 8-4-4-4-12} hex digits) and a token identifier (22 characters of unpadded base64url, the 16 bytes of Entra's
 * {@code uniqueTokenIdentifier}). Anything else — upper-case GUIDs, {@code Directory_…} audit ids, any other length
 * or alphabet — is kept as the text itself. Either way {@link #toString()} gives back the id exactly as logged, and
 * two ids are equal when their texts are.
 */
public final class LogId {
    /** No id: the row did not name one. */
    public static final LogId NONE = new LogId("");

    private static final byte TEXT = 0, GUID = 1, TOKEN = 2;
    private static final int GUID_LENGTH = 36, TOKEN_LENGTH = 22;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
    /** A character's value as a lower-case hex digit, or {@link #BAD} (upper case is kept as text: it must round-trip). */
    private static final byte[] HEX_VALUE = values(HEX_DIGITS);
    private static final byte[] BASE64URL_VALUE = values(BASE64URL);
    private static final int BAD = 64;

    private final byte form;
    /** The id's 128 bits when it is a GUID or a token; 0 when it is text. */
    private final long high, low;
    /** The id as logged: always for text, and for a GUID or token made from its text (the reader's own string). */
    private final String text;

    private LogId(String text) {
        this.form = TEXT;
        this.high = 0;
        this.low = 0;
        this.text = text;
    }

    private LogId(byte form, long high, long low, String text) {
        this.form = form;
        this.high = high;
        this.low = low;
        this.text = text;
    }

    /** The id {@code s} names; a GUID or token keeps {@code s} for {@link #toString()}. */
    public static LogId of(String s) {
        if (s.isEmpty()) return NONE;
        if (s.length() == GUID_LENGTH || s.length() == TOKEN_LENGTH) {
            // any character outside Latin-1 becomes '?', which neither shape has
            LogId id = utf8(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
            if (id.form != TEXT) return new LogId(id.form, id.high, id.low, s);
        }
        return new LogId(s);
    }

    /**
     * The id of {@code length} bytes of UTF-8 at {@code offset}, without making a string when it is a GUID or a token.
     */
    public static LogId utf8(byte[] b, int offset, int length) {
        if (length == 0) return NONE;
        if (length == GUID_LENGTH && isGuid(b, offset)) {
            return new LogId(GUID, hex(b, offset, offset + 19), hex(b, offset + 19, offset + GUID_LENGTH), null);
        }
        if (length == TOKEN_LENGTH && isToken(b, offset)) {
            // 6 bits a character, the last one's top 2: 21 × 6 + 2 = 128
            long h = 0, l = 0;
            for (int i = offset, end = offset + TOKEN_LENGTH - 1; i < end; i++) {
                h = h << 6 | l >>> 58;
                l = l << 6 | BASE64URL_VALUE[b[i]];
            }
            h = h << 2 | l >>> 62;
            l = l << 2 | BASE64URL_VALUE[b[offset + TOKEN_LENGTH - 1]] >>> 4;
            return new LogId(TOKEN, h, l, null);
        }
        return new LogId(new String(b, offset, length, StandardCharsets.UTF_8));
    }

    /** The lower-case GUID of these 128 bits (its first 16 hex digits in {@code high}). */
    public static LogId guid(long high, long low) {
        return new LogId(GUID, high, low, null);
    }

    public boolean isEmpty() {
        return form == TEXT && text.isEmpty();
    }

    /** A lower-case GUID, held as {@link #high()} and {@link #low()}. */
    public boolean isGuid() {
        return form == GUID;
    }

    /** The first 64 bits of a GUID or token, 0 for other ids. */
    public long high() {
        return high;
    }

    /** The last 64 bits of a GUID or token, 0 for other ids. */
    public long low() {
        return low;
    }

    /** The id exactly as logged ("" for none); a decoded GUID or token is spelled out on each call. */
    @Override
    public String toString() {
        if (text != null) return text;
        byte[] out;
        if (form == GUID) {
            out = new byte[GUID_LENGTH];
            putHex(high, out, 0, 19);
            putHex(low, out, 19, GUID_LENGTH);
        } else {
            out = new byte[TOKEN_LENGTH];
            long h = high, l = low;
            // the last character carries the final 2 bits in its top bits; the rest 6 bits each, from the end
            out[TOKEN_LENGTH - 1] = BASE64URL[(int) (l & 3) << 4];
            l = l >>> 2 | h << 62;
            h >>>= 2;
            for (int i = TOKEN_LENGTH - 2; i >= 0; i--) {
                out[i] = BASE64URL[(int) (l & 63)];
                l = l >>> 6 | h << 58;
                h >>>= 6;
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogId id && id.form == form && id.high == high && id.low == low
                && (form != TEXT || id.text.equals(text));
    }

    @Override
    public int hashCode() {
        return form == TEXT ? text.hashCode() : Long.hashCode(high * 31 + low) * 3 + form;
    }

    // --- the two shapes

    private static boolean dash(int i) {
        return i == 8 || i == 13 || i == 18 || i == 23;
    }

    private static boolean isGuid(byte[] b, int at) {
        int bad = 0;
        for (int i = 0; i < GUID_LENGTH; i++) {
            byte c = b[at + i];
            if (dash(i)) {
                if (c != '-') return false;
            } else {
                bad |= c >= 0 ? HEX_VALUE[c] : BAD;
            }
        }
        return (bad & BAD) == 0;
    }

    /** The hex digits of {@code [from, to)} as one number; the dash inside a GUID's first half is stepped over. */
    private static long hex(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) if (b[i] != '-') v = v << 4 | HEX_VALUE[b[i]];
        return v;
    }

    private static void putHex(long v, byte[] out, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (dash(i)) {
                out[i] = '-';
            } else {
                out[i] = HEX_DIGITS[(int) (v & 0xF)];
                v >>>= 4;
            }
        }
    }

    /**
     * 22 base64url characters whose last one has its low 4 bits clear: exactly the form of 16 bytes, so spelling the
     * bits out again gives the same text (a last character with any of those bits set is kept as text).
     */
    private static boolean isToken(byte[] b, int at) {
        int bad = 0;
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            byte c = b[at + i];
            bad |= c >= 0 ? BASE64URL_VALUE[c] : BAD;
        }
        return (bad & BAD) == 0 && (BASE64URL_VALUE[b[at + TOKEN_LENGTH - 1]] & 15) == 0;
    }

    private static byte[] values(byte[] alphabet) {
        byte[] v = new byte[128];
        java.util.Arrays.fill(v, (byte) BAD);
        for (int i = 0; i < alphabet.length; i++) v[alphabet[i]] = (byte) i;
        return v;
    }
}
