package io.aitmdefense.respond.contain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Target;

import java.util.Collection;
import java.util.List;

/**
 * The attacker's addresses as an IP named location, the body of
 * {@code POST /v1.0/identity/conditionalAccess/namedLocations} (reference/graph-response.md §2.10), to reference from
 * a block policy. Untrusted, /32 or /128 per address. One location, found again by its display name, collects the
 * addresses of every incident, so a tenant gets one place to block and not one location per incident (Entra allows
 * 195). AiTM infrastructure rotates: a supplement, never the fix.
 */
public final class NamedLocation {
    private NamedLocation() {
    }

    public static ObjectNode of(Findings f) {
        return body(Target.Addresses.LOCATION, ranges(f));
    }

    /** The incident's attacker addresses as CIDR ranges: {@code 203.0.113.10/32}, {@code 2001:db8::1/128}. */
    public static List<String> ranges(Findings f) {
        return Target.Addresses.of(f.ips(), List.of()).ranges();
    }

    /** An untrusted {@code ipNamedLocation} with these ranges, each typed v4 or v6 as Graph wants. */
    public static ObjectNode body(String displayName, Collection<String> ranges) {
        ObjectNode n = Json.object();
        n.put("@odata.type", "#microsoft.graph.ipNamedLocation");
        n.put("displayName", displayName);
        n.put("isTrusted", false);
        ArrayNode out = n.putArray("ipRanges");
        for (String r : ranges) {
            out.addObject().put("@odata.type", r.contains(":") ? "#microsoft.graph.iPv6CidrRange" : "#microsoft.graph.iPv4CidrRange")
                    .put("cidrAddress", r);
        }
        return n;
    }
}
