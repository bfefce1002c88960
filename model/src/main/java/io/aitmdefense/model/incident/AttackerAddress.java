package io.aitmdefense.model.incident;

import io.aitmdefense.model.NetworkKind;

/** An attacker IP address with its network; {@code asn} is 0 and {@code owner} "" when unknown. */
public record AttackerAddress(String ip, int asn, String owner, NetworkKind kind) {

    /** {@code 203.0.113.10 (AS14061 DigitalOcean, hosting)}. */
    public String describe() {
        return asn > 0 ? ip + " (" + AttackerNetwork.label(asn, owner, kind) + ")" : ip;
    }
}
