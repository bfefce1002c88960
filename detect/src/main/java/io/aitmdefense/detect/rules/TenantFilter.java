package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.enrich.TenantContext;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The tenant's own networks as the exported queries leave them out: trusted named locations as the sign-in logs tag
 * them, and the configured trusted ASNs and CIDRs ({@code tenant.*} of the configuration), written into the query.
 */
final class TenantFilter {
    private final TenantContext tenant;

    TenantFilter(TenantContext tenant) {
        this.tenant = tenant;
    }

    /** The {@code let} statements the sign-in filter refers to. */
    String lets() {
        List<String> v4 = new ArrayList<>(), v6 = new ArrayList<>();
        for (String c : tenant.trustedCidrs()) (c.indexOf(':') >= 0 ? v6 : v4).add(c);
        return "let trustedAsns = " + Kql.ints(new TreeSet<>(tenant.trustedAsns())) + ";\n"
                + "let trustedV4 = " + Kql.strings(v4) + ";\n"
                + "let trustedV6 = " + Kql.strings(v6) + ";\n";
    }

    /** Pipes that drop sign-ins from the tenant's own networks and from Microsoft's AS8075. */
    static String signIns() {
        return "| where NetworkLocationDetails !has \"trustedNamedLocation\"\n"
                + "| where toint(AutonomousSystemNumber) !in (trustedAsns) and toint(AutonomousSystemNumber) != 8075\n"
                // == true: for an address of the other family the range functions return null, which must not drop the row
                + "| where not(ipv4_is_in_any_range(IPAddress, trustedV4) == true or ipv6_is_in_any_range(IPAddress, trustedV6) == true)\n";
    }
}
