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
    /** A byte's value as a lower-case hex digit, or {@link #BAD} (upper case is kept as text: it must round-trip). */
    private static final byte[] HEX_VALUE = values(HEX_DIGITS);
    private static final byte[] BASE64URL_VALUE = values(BASE64URL);
    private static final int BAD = 64;
    /** Where a GUID's 32 hex digits are: all but the four dashes. */
    private static final int[] GUID_DIGITS = java.util.stream.IntStream.range(0, GUID_LENGTH).filter(i -> !dash(i)).toArray();

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
     * One pass over the bytes both checks the shape and gathers the bits (this runs for every id the batch decodes).
     */
    public static LogId utf8(byte[] b, int offset, int length) {
        if (length == 0) return NONE;
        if (length == GUID_LENGTH && b[offset + 8] == '-' && b[offset + 13] == '-' && b[offset + 18] == '-'
                && b[offset + 23] == '-') {
            // the 32 digits between the dashes shifted through 128 bits, 4 at a time
            long h = 0, l = 0;
            int bad = 0;
            for (int k = 0; k < GUID_DIGITS.length; k++) {
                int v = HEX_VALUE[b[offset + GUID_DIGITS[k]] & 0xFF];
                bad |= v;
                h = h << 4 | l >>> 60;
                l = l << 4 | v;
            }
            if ((bad & BAD) == 0) return new LogId(GUID, h, l, null);
        } else if (length == TOKEN_LENGTH) {
            // 6 bits a character, the last one's top 2 (its low 4 must be clear): 21 × 6 + 2 = 128
            long h = 0, l = 0;
            int bad = 0;
            for (int i = offset, end = offset + TOKEN_LENGTH - 1; i < end; i++) {
                int v = BASE64URL_VALUE[b[i] & 0xFF];
                bad |= v;
                h = h << 6 | l >>> 58;
                l = l << 6 | v;
            }
            int last = BASE64URL_VALUE[b[offset + TOKEN_LENGTH - 1] & 0xFF];
            if (((bad | last) & BAD) == 0 && (last & 15) == 0) return new LogId(TOKEN, h << 2 | l >>> 62, l << 2 | last >>> 4, null);
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

    // --- spelling out

    private static boolean dash(int i) {
        return i == 8 || i == 13 || i == 18 || i == 23;
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

    /** Every byte value (as {@code b & 0xFF}) to its digit, {@link #BAD} when it is not one. */
    private static byte[] values(byte[] alphabet) {
        byte[] v = new byte[256];
        java.util.Arrays.fill(v, (byte) BAD);
        for (int i = 0; i < alphabet.length; i++) v[alphabet[i]] = (byte) i;
        return v;
    }
}
