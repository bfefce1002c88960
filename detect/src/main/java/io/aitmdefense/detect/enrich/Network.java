package io.aitmdefense.detect.enrich;

import io.aitmdefense.model.NetworkKind;

/**
 * An address with what is known of it. {@code asn} is 0 when unknown; {@code block} identifies "the same network"
 * for comparisons: {@code AS<n>} when the ASN is known, else the IPv4 /16 or IPv6 /48.
 * {@code trusted} is the tenant's own verdict (allow-listed CIDR or ASN).
 */
public record Network(String ip, int asn, String owner, NetworkKind kind, boolean trusted, String block) {

    public boolean hosting() {
        return kind == NetworkKind.HOSTING;
    }

    /** A readable label such as {@code 203.0.113.10 (AS14061 DigitalOcean, hosting)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(ip.isEmpty() ? "unknown address" : ip);
        if (asn > 0) {
            b.append(" (AS").append(asn);
            if (!owner.isEmpty()) b.append(' ').append(owner);
            if (kind != NetworkKind.OTHER) b.append(", ").append(kind.name().toLowerCase().replace('_', '/'));
            b.append(')');
        }
        return b.toString();
    }

    public boolean sameNetwork(Network other) {
        return !block.isEmpty() && block.equals(other.block);
    }
}
