package io.aitmdefense.model.incident;

import io.aitmdefense.model.NetworkKind;

import java.util.Locale;

/** An autonomous system the attacker used, with its owner ("" when unknown) and classification. */
public record AttackerNetwork(int asn, String owner, NetworkKind kind) {

    /** {@code AS14061 DigitalOcean, hosting}. */
    public String describe() {
        return label(asn, owner, kind);
    }

    public static String label(int asn, String owner, NetworkKind kind) {
        StringBuilder b = new StringBuilder("AS").append(asn);
        if (!owner.isEmpty()) b.append(' ').append(owner);
        if (kind != NetworkKind.OTHER) b.append(", ").append(kind.name().toLowerCase(Locale.ROOT).replace('_', '/'));
        return b.toString();
    }
}
