package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** AITM-CA-031: one policy id under two or more display names in the same export. */
final class DuplicatePolicyId implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-031", Severity.MEDIUM,
            "One policy id appears under different names in the export",
            "Policy ids are unique in a tenant. The same id under two display names means the export mixes two "
                    + "versions of one policy (an old backup beside a new export, a copied template whose id was not "
                    + "cleared): this assessment, and any pipeline that deploys the folder, sees two policies where "
                    + "the tenant has one, and which of them is live is unknown.",
            "Export the policies again into an empty folder (GET /identity/conditionalAccess/policies), or delete the "
                    + "stale file; clear the id of a copied template before importing it as a new policy.");

    @Override
    public Check check() {
        return Check.DUPLICATE_POLICY_ID;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        // Every state counts: a disabled copy in the folder is still a second version of the policy.
        Map<String, List<ConditionalAccessPolicy>> byId = new LinkedHashMap<>();
        for (ConditionalAccessPolicy p : context.snapshot().policies()) {
            if (p.id().isBlank()) continue;
            byId.computeIfAbsent(p.id().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
        }
        List<Finding> out = new ArrayList<>();
        byId.forEach((id, policies) -> {
            Set<String> names = new LinkedHashSet<>();
            for (ConditionalAccessPolicy p : policies) names.add(p.displayName().strip().toLowerCase(Locale.ROOT));
            if (names.size() < 2) return;
            List<String> parts = policies.stream().map(p -> "'" + p.label() + "' (" + p.state().graphName() + ", "
                    + p.source() + ")").toList();
            out.add(new Finding(check(), "Policy id " + policies.get(0).id() + " appears " + policies.size()
                    + " times: " + String.join("; ", parts) + ".",
                    List.copyOf(new LinkedHashSet<>(policies.stream().map(ConditionalAccessPolicy::label).toList()))));
        });
        return out;
    }
}
