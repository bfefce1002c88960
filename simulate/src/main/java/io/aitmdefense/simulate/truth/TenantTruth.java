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

    /**
     * The same settings as {@link #detectSettings} as the YAML file an administrator would keep, each range named in
     * a comment: {@code aitm detect --config} reads it.
     */
    public String detectConfigYaml() {
        StringBuilder y = new StringBuilder("# Tenant context of this simulated tenant, as its admins would write it:\n")
                .append("#   aitm detect logs --config tenant.yaml      (aitm detect --show-config lists every key)\n")
                .append("tenant:\n  trustedLocationNames:\n");
        for (NamedRange r : trustedLocations) y.append("    - ").append(quoted(r.name())).append('\n');
        y.append("  trustedCidrs:\n");
        for (NamedRange r : trustedLocations) range(y, r, " (trusted named location)");
        for (NamedRange r : namedNetworks) range(y, r, "");
        return y.append("  domains: [").append(quoted(domain)).append("]\n").toString();
    }

    private static void range(StringBuilder y, NamedRange r, String note) {
        String item = "    - " + quoted(r.cidr());
        y.append(item).append(" ".repeat(Math.max(1, 30 - item.length()))).append("# ").append(r.name()).append(note).append('\n');
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
