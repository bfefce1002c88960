package io.aitmdefense.model.incident;

import io.aitmdefense.model.NetworkKind;

/**
 * An attacker IP address with its network and the country the sign-in logs placed it in; {@code asn} is 0,
 * {@code owner} and {@code country} "" when unknown.
 */
public record AttackerAddress(String ip, int asn, String owner, NetworkKind kind, String country) {

    /** {@code 203.0.113.10 (AS14061 DigitalOcean, hosting, NL)}. */
    public String describe() {
        String where = country.isEmpty() ? "" : country;
        if (asn > 0) where = AttackerNetwork.label(asn, owner, kind) + (where.isEmpty() ? "" : ", " + where);
        return where.isEmpty() ? ip : ip + " (" + where + ")";
    }
}
