package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.PolicyState;

import java.util.List;
import java.util.Optional;

/**
 * The plan for one target policy. For {@link Decision#CREATE}, {@code policy} is the generated report-only policy for
 * the pilot group; otherwise it is the existing equivalent and {@code change} what to do to it. {@code why} says what
 * it breaks and which findings it closes; {@code overlaps} names existing policies of the same kind that are weaker
 * (and Microsoft-managed ones), so nobody deletes ours thinking it is a duplicate.
 */
public record PlannedPolicy(
        TargetPolicy target,
        Decision decision,
        ConditionalAccessPolicy policy,
        boolean microsoftManaged,
        PolicyChange change,
        ConditionalAccessPolicy enforced,
        String why,
        List<String> overlaps) {

    public PlannedPolicy {
        overlaps = List.copyOf(overlaps);
    }

    public String displayName() {
        return policy.displayName();
    }

    public boolean generated() {
        return decision == Decision.CREATE;
    }

    /** The state the policy will have once the plan is applied (before any ring promotion). */
    public PolicyState plannedState() {
        return generated() ? policy.state() : change.state().orElse(policy.state());
    }

    public Optional<String> existingId() {
        return generated() ? Optional.empty() : Optional.of(policy.id());
    }
}
