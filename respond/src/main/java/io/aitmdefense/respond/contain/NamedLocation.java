package io.aitmdefense.respond.contain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.plan.Findings;

/**
 * The attacker's addresses as an IP named location, the body of
 * {@code POST /v1.0/identity/conditionalAccess/namedLocations} (reference/graph-response.md §2.10), to reference from
 * a block policy. Untrusted, /32 or /128 per address. AiTM infrastructure rotates: a supplement, never the fix.
 */
public final class NamedLocation {
    private NamedLocation() {
    }

    public static ObjectNode of(Findings f) {
        ObjectNode n = Json.object();
        n.put("@odata.type", "#microsoft.graph.ipNamedLocation");
        n.put("displayName", "IR block – incident " + f.incidentId());
        n.put("isTrusted", false);
        ArrayNode ranges = n.putArray("ipRanges");
        for (String ip : f.ips()) {
            boolean v6 = ip.contains(":");
            ranges.addObject().put("@odata.type", v6 ? "#microsoft.graph.iPv6CidrRange" : "#microsoft.graph.iPv4CidrRange")
                    .put("cidrAddress", ip + (v6 ? "/128" : "/32"));
        }
        return n;
    }
}
