package io.aitmdefense.simulate.truth;

import java.util.List;

/**
 * The tenant context a fair evaluation configures the detector with: the Entra tenant id, the mail domain, trusted named
 * locations and other named networks (name and CIDR).
 */
public record TenantTruth(String tenantId, String domain, List<NamedRange> trustedLocations, List<NamedRange> namedNetworks) {

    public record NamedRange(String name, String cidr) {
    }
}
