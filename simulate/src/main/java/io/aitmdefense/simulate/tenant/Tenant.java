package io.aitmdefense.simulate.tenant;

import java.util.List;

/**
 * The simulated organisation: its Entra tenant id, the Log Analytics workspace its logs land in, its users, Conditional
 * Access policies and named locations.
 */
public record Tenant(String tenantId, String workspaceId, String domain, String exchangeServer,
                     List<User> users, List<CaPolicy> caPolicies,
                     NamedLocation corporateEgress, NamedLocation vdiEgress) {

    /** The named locations a sign-in from {@code network} falls into. */
    public List<NamedLocation> namedLocations(Network network) {
        if (network.kind() == NetworkKind.SASE) return List.of(corporateEgress);
        if (network.kind() == NetworkKind.VDI) return List.of(vdiEgress);
        return List.of();
    }
}
