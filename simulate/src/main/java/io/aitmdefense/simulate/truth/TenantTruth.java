package io.aitmdefense.simulate.truth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant context a fair evaluation configures the detector with: the Entra tenant id, the mail domain, trusted named
 * locations and other named networks (name and CIDR).
 */
public record TenantTruth(String tenantId, String domain, List<NamedRange> trustedLocations, List<NamedRange> namedNetworks) {

    public record NamedRange(String name, String cidr) {
    }

    /**
     * The {@code tenant:} section of a detect config for this tenant, what its administrator would put in
     * {@code --config}: the trusted named locations by name and CIDR, the mail domain, and the tenant's other named
     * networks (its own VDI or branch egress, defined in Entra without the trusted flag) as allowlisted CIDRs — the
     * administrator knows those ranges are the company's, which is what the allowlist is for.
     */
    public Map<String, Object> detectSettings() {
        List<String> names = new ArrayList<>();
        List<String> cidrs = new ArrayList<>();
        for (NamedRange r : trustedLocations) {
            names.add(r.name());
            cidrs.add(r.cidr());
        }
        for (NamedRange r : namedNetworks) cidrs.add(r.cidr());
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("trustedLocationNames", names);
        section.put("trustedCidrs", cidrs);
        section.put("domains", List.of(domain));
        return Map.of("tenant", section);
    }
}
