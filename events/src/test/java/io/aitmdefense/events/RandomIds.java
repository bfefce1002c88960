package io.aitmdefense.events;

import java.util.Random;

/**
 * Seeded id texts of every shape a log row may hold, for tests of {@link LogId}: the two it holds as bits (lower-case
 * GUIDs, 22-character base64url token ids) and their near misses, which must stay text and round-trip exactly.
 */
public final class RandomIds {
    private static final String HEX = "0123456789abcdef";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String OTHER = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:@-_/+=é€中";

    private RandomIds() {
    }

    /** A non-empty id text; about half are GUIDs or token ids, the rest near misses and other shapes. */
    public static String text(Random r) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> guid(r);
            case 3, 4 -> token(r);
            case 5 -> guid(r).toUpperCase(java.util.Locale.ROOT);
            case 6 -> change(guid(r), r, "ABCDEFg-x{é");             // one character off: upper case, past 'f', dash, ...
            case 7 -> change(token(r), r, "+/=.é ");                   // standard base64, padding, non-ASCII
            case 8 -> tokenWithLowBits(r);                           // 22 base64url characters that are not 16 bytes
            case 9 -> r.nextBoolean() ? guid(r).substring(1) : guid(r) + HEX.charAt(r.nextInt(16));
            case 10 -> "Directory_" + guid(r).substring(0, 8) + "_ER" + r.nextInt(1000) + "_" + r.nextInt(1_000_000_000);
            default -> other(r);
        };
    }

    public static String guid(Random r) {
        StringBuilder b = new StringBuilder(36);
        for (int i = 0; i < 36; i++) b.append(i == 8 || i == 13 || i == 18 || i == 23 ? '-' : HEX.charAt(r.nextInt(16)));
        return b.toString();
    }

    /** The unpadded base64url of 16 random bytes, the shape of Entra's uniqueTokenIdentifier. */
    public static String token(Random r) {
        byte[] bytes = new byte[16];
        r.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String tokenWithLowBits(Random r) {
        String t = token(r);
        int last = BASE64URL.indexOf(t.charAt(21)) | (1 + r.nextInt(15));
        return t.substring(0, 21) + BASE64URL.charAt(last);
    }

    private static String change(String s, Random r, String with) {
        int i = r.nextInt(s.length());
        return s.substring(0, i) + with.charAt(r.nextInt(with.length())) + s.substring(i + 1);
    }

    private static String other(Random r) {
        int n = 1 + r.nextInt(r.nextBoolean() ? 40 : 23);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(OTHER.charAt(r.nextInt(OTHER.length())));
        return b.toString();
    }
}
