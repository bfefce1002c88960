package io.aitmdefense.simulate.tenant;

import java.util.List;
import java.util.SplittableRandom;

/**
 * An autonomous system with real prefixes it announces, so that an IP→ASN database resolves the generated addresses
 * to {@code asn}. {@code v6Prefix} is "" when the network is modelled as IPv4 only.
 */
public record Network(String owner, int asn, NetworkKind kind, List<String> v4Prefixes, String v6Prefix, Place place) {

    public boolean dualStack() {
        return !v6Prefix.isEmpty();
    }

    /** A random host address inside one of the IPv4 prefixes (never the network or broadcast address). */
    public String randomV4(SplittableRandom rng) {
        String cidr = v4Prefixes.get(rng.nextInt(v4Prefixes.size()));
        int slash = cidr.indexOf('/');
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        long base = toLong(cidr.substring(0, slash));
        long size = 1L << (32 - bits);
        long host = 1 + rng.nextLong(size - 2);
        return toText(base + host);
    }

    /**
     * A random interface address inside the IPv6 prefix; the prefix is written as its first hextets ("2601:0:1")
     * and stands for a /48 or shorter, the rest is random.
     */
    public String randomV6(SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(v6Prefix);
        int groups = v6Prefix.split(":").length;
        for (int i = groups; i < 8; i++) sb.append(':').append(Integer.toHexString(rng.nextInt(0x10000)));
        return sb.toString();
    }

    /** The /64 of an IPv6 address with a new random interface id: the same home line after a privacy-address rotation. */
    public static String rotateV6(String v6, SplittableRandom rng) {
        String[] h = v6.split(":");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) sb.append(h[i]).append(':');
        for (int i = 0; i < 4; i++) sb.append(Integer.toHexString(rng.nextInt(0x10000))).append(i < 3 ? ":" : "");
        return sb.toString();
    }

    static long toLong(String ip) {
        String[] p = ip.split("\\.");
        return (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
    }

    static String toText(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
