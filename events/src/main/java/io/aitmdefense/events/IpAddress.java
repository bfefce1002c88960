package io.aitmdefense.events;

import java.util.Locale;

/**
 * The one place IP text is normalised (log-schemas §8.1): {@code ip:port}, {@code [v6]:port}, {@code ::ffff:v4},
 * upper-case or uncompressed IPv6 and the {@code <null>} placeholder all become one canonical form, so that
 * comparisons across logs work.
 */
public final class IpAddress {
    private IpAddress() {
    }

    /** Canonical text of the address, or "" when the value is absent or not an address. */
    public static String normalise(String raw) {
        if (raw == null) return "";
        String s = raw.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("<null>") || s.equalsIgnoreCase("null")) return "";
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) return "";
            return normaliseV6(s.substring(1, close));
        }
        int first = s.indexOf(':');
        if (first < 0) return isV4(s) ? s : "";
        if (first == s.lastIndexOf(':')) { // exactly one colon: IPv4 with a port
            String host = s.substring(0, first);
            return isV4(host) ? host : "";
        }
        return normaliseV6(s);
    }

    public static boolean isV6(String normalised) {
        return normalised.indexOf(':') >= 0;
    }

    /**
     * The network a client address sits in when nothing better (an ASN) is known: the IPv4 /16 or the IPv6 /48.
     * Used to tell "a different network" apart from an address change inside one ISP block.
     */
    public static String network(String normalised) {
        if (normalised.isEmpty()) return "";
        if (!isV6(normalised)) {
            int a = normalised.indexOf('.');
            int b = normalised.indexOf('.', a + 1);
            return b > 0 ? normalised.substring(0, b) + ".0.0/16" : normalised;
        }
        int[] h = hextets(normalised);
        return h == null ? normalised : String.format("%x:%x:%x::/48", h[0], h[1], h[2]);
    }

    /** The address as an unsigned 32-bit value, or -1 for IPv6 or malformed text. */
    public static long v4ToLong(String s) {
        long v = 0;
        int part = 0, digits = 0, parts = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) return -1;
            } else if (c == '.' && digits > 0) {
                v = (v << 8) | part;
                part = 0;
                digits = 0;
                parts++;
            } else {
                return -1;
            }
        }
        if (digits == 0 || parts != 3) return -1;
        return (v << 8) | part;
    }

    private static boolean isV4(String s) {
        return v4ToLong(s) >= 0;
    }

    /** The eight 16-bit groups of an IPv6 address, or null if it is not one. */
    public static int[] hextets(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        int pct = v.indexOf('%');
        if (pct >= 0) v = v.substring(0, pct);
        int[] out = new int[8];
        String[] halves = v.split("::", -1);
        if (halves.length > 2) return null;
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        // an embedded IPv4 tail (::ffff:1.2.3.4) occupies two groups
        int[] v4tail = null;
        if (tail.length > 0 && tail[tail.length - 1].indexOf('.') >= 0) {
            long v4 = v4ToLong(tail[tail.length - 1]);
            if (v4 < 0) return null;
            v4tail = new int[] {(int) (v4 >>> 16), (int) (v4 & 0xffff)};
            tail = java.util.Arrays.copyOf(tail, tail.length - 1);
        } else if (tail.length == 0 && head.length > 0 && head[head.length - 1].indexOf('.') >= 0) {
            long v4 = v4ToLong(head[head.length - 1]);
            if (v4 < 0) return null;
            v4tail = new int[] {(int) (v4 >>> 16), (int) (v4 & 0xffff)};
            head = java.util.Arrays.copyOf(head, head.length - 1);
        }
        int fixed = head.length + tail.length + (v4tail == null ? 0 : 2);
        if (halves.length == 1 ? fixed != 8 : fixed > 7) return null;
        int i = 0;
        for (String g : head) {
            int x = hex(g);
            if (x < 0) return null;
            out[i++] = x;
        }
        int tailStart = 8 - tail.length - (v4tail == null ? 0 : 2);
        i = tailStart;
        for (String g : tail) {
            int x = hex(g);
            if (x < 0) return null;
            out[i++] = x;
        }
        if (v4tail != null) {
            out[6] = v4tail[0];
            out[7] = v4tail[1];
        }
        return out;
    }

    private static String normaliseV6(String s) {
        int[] h = hextets(s);
        if (h == null) return "";
        if (h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == 0 && h[4] == 0 && h[5] == 0xffff) {
            return (h[6] >>> 8) + "." + (h[6] & 0xff) + "." + (h[7] >>> 8) + "." + (h[7] & 0xff);
        }
        // RFC 5952: compress the longest run (length >= 2) of zero groups
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (h[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && h[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(h[i]));
        }
        return b.toString();
    }

    private static int hex(String g) {
        if (g.isEmpty() || g.length() > 4) return -1;
        int v = 0;
        for (int i = 0; i < g.length(); i++) {
            int d = Character.digit(g.charAt(i), 16);
            if (d < 0) return -1;
            v = (v << 4) | d;
        }
        return v;
    }
}
