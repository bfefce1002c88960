package io.aitmdefense.harden.plan;

import java.util.List;

/**
 * The generated set for one export: contexts, policies in apply order, protected-action bindings, and what the planner
 * had to assume. Only {@link Decision#CREATE} policies are new; the rest are changes to, or confirmations of, existing
 * policies.
 */
public record HardenPlan(
        PlanOptions options,
        List<PlannedContext> contexts,
        List<PlannedPolicy> policies,
        List<ProtectedActionBinding> bindings,
        List<String> notes) {

    public static final String SCHEMA = "aitm.harden-plan/1";

    public HardenPlan {
        contexts = List.copyOf(contexts);
        policies = List.copyOf(policies);
        bindings = List.copyOf(bindings);
        notes = List.copyOf(notes);
    }

    public List<PlannedPolicy> generated() {
        return policies.stream().filter(PlannedPolicy::generated).toList();
    }

    public PlannedPolicy policy(TargetPolicy target) {
        return policies.stream().filter(p -> p.target() == target).findFirst().orElseThrow();
    }
}
