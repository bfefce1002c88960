package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.emit.GraphBodies;
import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * A fresh export standing in for the live tenant, read-only: apply's diff and drift work offline from it (protected
 * actions are not in an export, so their bindings show as unbound). Writing needs the tenant itself.
 */
public final class ExportedTenant {

    private ExportedTenant() {
    }

    public static InMemoryTenantPolicies of(ConditionalAccessSnapshot export) {
        List<JsonNode> policies = new ArrayList<>();
        for (ConditionalAccessPolicy p : export.policies()) {
            ObjectNode o = GraphBodies.policy(p);
            o.put("id", p.id());
            policies.add(o);
        }
        List<JsonNode> contexts = new ArrayList<>();
        for (AuthenticationContext c : export.authenticationContexts()) contexts.add(GraphBodies.context(c));
        return InMemoryTenantPolicies.of(policies, contexts);
    }
}
