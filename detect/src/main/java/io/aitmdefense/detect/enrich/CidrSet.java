package io.aitmdefense.detect.enrich;

import io.aitmdefense.events.IpAddress;

import java.util.ArrayList;
import java.util.List;

/** A small set of IPv4/IPv6 CIDR blocks (tenant allow-lists, named locations) with a containment test. */
public final class CidrSet {
    private final List<long[]> v4 = new ArrayList<>();   // {network, mask}
    private final List<int[]> v6 = new ArrayList<>();    // {8 hextets..., prefix}

    public static CidrSet parse(List<String> cidrs) {
        CidrSet s = new CidrSet();
        for (String c : cidrs) s.add(c);
        return s;
    }

    public void add(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String addr = IpAddress.normalise(slash < 0 ? text : text.substring(0, slash));
        if (addr.isEmpty()) throw new IllegalArgumentException("'" + cidr + "' is not an IP range (expected e.g. 203.0.113.0/24)");
        if (!IpAddress.isV6(addr)) {
            int bits = prefix(cidr, text, slash, 32);
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            v4.add(new long[] {IpAddress.v4ToLong(addr) & mask, mask});
        } else {
            int bits = prefix(cidr, text, slash, 128);
            int[] h = IpAddress.hextets(addr);
            int[] e = java.util.Arrays.copyOf(h, 9);
            e[8] = bits;
            v6.add(e);
        }
    }

    private static int prefix(String cidr, String text, int slash, int max) {
        if (slash < 0) return max;
        String digits = text.substring(slash + 1).trim();
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)
                || Integer.parseInt(digits) > max) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP range (prefix length must be 0 to " + max + ")");
        }
        return Integer.parseInt(digits);
    }

    public boolean contains(String normalisedIp) {
        if (normalisedIp.isEmpty()) return false;
        if (!IpAddress.isV6(normalisedIp)) {
            long ip = IpAddress.v4ToLong(normalisedIp);
            for (long[] n : v4) if ((ip & n[1]) == n[0]) return true;
            return false;
        }
        int[] h = IpAddress.hextets(normalisedIp);
        if (h == null) return false;
        for (int[] n : v6) if (matches(h, n)) return true;
        return false;
    }

    private static boolean matches(int[] h, int[] n) {
        int bits = n[8];
        for (int i = 0; i < 8 && bits > 0; i++, bits -= 16) {
            int take = Math.min(16, bits);
            int mask = (0xffff << (16 - take)) & 0xffff;
            if ((h[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }

    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }
}
