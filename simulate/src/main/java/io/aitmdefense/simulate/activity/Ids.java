package io.aitmdefense.simulate.activity;

import java.util.Base64;
import java.util.SplittableRandom;

/** Identifiers drawn from the simulation's random stream, so the same seed gives the same ids. */
public final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** A version-4 GUID in lower case. */
    public static String guid(SplittableRandom rng) {
        long hi = (rng.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (rng.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            long v = i < 8 ? hi : lo;
            int b = (int) (v >>> (56 - 8 * (i % 8))) & 0xff;
            if (i == 4 || i == 6 || i == 8 || i == 10) c[p++] = '-';
            c[p++] = HEX[b >>> 4];
            c[p++] = HEX[b & 15];
        }
        return new String(c);
    }

    /** An Entra unique token identifier: 16 random bytes, base64url, 22 characters, case-sensitive. */
    public static String tokenId(SplittableRandom rng) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i += 8) {
            long v = rng.nextLong();
            for (int k = 0; k < 8; k++) b[i + k] = (byte) (v >>> (8 * k));
        }
        return URL.encodeToString(b);
    }

    /** A risk detection id: 64 lower-case hex digits, as Identity Protection writes them. */
    public static String riskId(SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 64; i++) sb.append(HEX[rng.nextInt(16)]);
        return sb.toString();
    }

    /** Upper-case alphanumerics, as in device names (DESKTOP-7QK2M4V) and Exchange server names. */
    public static String upper(SplittableRandom rng, int n) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        return sb.toString();
    }

    /** A random stream for one (seed, purpose, a, b) tuple: independent of how much other streams were used. */
    public static SplittableRandom stream(long seed, long purpose, long a, long b) {
        long h = mix(seed ^ mix(purpose * 0x9E3779B97F4A7C15L + a) ^ mix(b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
