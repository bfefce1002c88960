package io.aitmdefense.posture.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv4 or IPv6 CIDR range of an IP named location. */
public record IpRange(String cidrAddress) {

    /** True when {@code address} lies in this range; a malformed range matches nothing. */
    public boolean contains(InetAddress address) {
        int slash = cidrAddress.indexOf('/');
        String base = slash < 0 ? cidrAddress : cidrAddress.substring(0, slash);
        Optional<InetAddress> network = literal(base);
        if (network.isEmpty()) return false;
        byte[] net = network.get().getAddress();
        byte[] ip = address.getAddress();
        if (net.length != ip.length) return false;
        int bits;
        try {
            bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidrAddress.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > net.length * 8) return false;
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((net[i / 8] & mask) != (ip[i / 8] & mask)) return false;
        }
        return true;
    }

    /** Parses an IP literal without DNS: anything with letters other than hex in IPv6 is refused. */
    public static Optional<InetAddress> literal(String text) {
        String t = text.trim();
        if (t.isEmpty() || !t.matches("[0-9a-fA-F:.]+")) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
