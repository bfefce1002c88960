package io.aitmdefense.harden.emit;

import io.aitmdefense.harden.plan.Decision;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedContext;
import io.aitmdefense.harden.plan.PlannedPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan as ordered Graph writes: authentication contexts, then policies (the c2 policy first), then the
 * protected-action bindings, deferred until the c2 policy is On (reference §12.1). One list serves the files, the
 * PowerShell script, plan.json and {@code aitm harden apply}, so all four agree on the order.
 */
public final class ApplySteps {

    static final String POLICIES = "identity/conditionalAccess/policies";
    static final String CONTEXTS = "identity/conditionalAccess/authenticationContextClassReferences";

    private ApplySteps() {
    }

    public static List<ApplyStep> of(HardenPlan plan) {
        List<ApplyStep> steps = new ArrayList<>();
        for (PlannedContext c : plan.contexts()) {
            if (c.decision() == Decision.KEEP) continue;
            String verb = c.decision() == Decision.CREATE ? "create" : "make available";
            steps.add(new ApplyStep(steps.size() + 1, file(steps.size() + 1, "context-" + c.context().id()), "PATCH",
                    "v1.0", CONTEXTS + "/" + c.context().id(), verb + " authentication context " + c.context().id()
                    + " '" + c.context().displayName() + "'", Optional.empty(), false, GraphBodies.context(c.context())));
        }
        for (PlannedPolicy p : plan.policies()) {
            int n = steps.size() + 1;
            switch (p.decision()) {
                case CREATE -> steps.add(new ApplyStep(n, file(n, "policy-" + p.target().key()), "POST",
                        p.target().graphVersion(), POLICIES, "create '" + p.displayName() + "' ("
                        + p.policy().state().graphName() + ", pilot group)", context(p), false, GraphBodies.policy(p.policy())));
                case CHANGE -> steps.add(new ApplyStep(n, file(n, "change-" + p.target().key()), "PATCH", "v1.0",
                        POLICIES + "/" + (p.policy().id().isBlank() ? "{id of '" + p.displayName() + "'}" : p.policy().id()), "change '" + p.displayName() + "': " + p.change().describe(),
                        Optional.empty(), false, GraphBodies.change(p.policy(), p.change())));
                case KEEP -> { }
            }
        }
        if (!plan.bindings().isEmpty()) {
            int n = steps.size() + 1;
            String policy = plan.bindings().get(0).requiresPolicy();
            steps.add(new ApplyStep(n, file(n, "protected-actions-" + plan.bindings().get(0).contextId()), "PATCH", "beta",
                    "roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/{resourceAction}",
                    "bind " + plan.bindings().size() + " CA and named-location permissions to "
                            + plan.bindings().get(0).contextId(), Optional.of("'" + policy + "' is enabled"), true,
                    GraphBodies.bindings(plan.bindings())));
        }
        return steps;
    }

    private static Optional<String> context(PlannedPolicy p) {
        return p.target().authenticationContext().map(id -> "authentication context " + id + " exists and is available");
    }

    private static String file(int order, String name) {
        return String.format("%02d-%s.json", order, name);
    }
}
