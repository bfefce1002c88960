package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.SessionControls;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of one "world": enforced policies only, or enforced plus report-only (what promotion would do).
 * {@code blockedBy} and {@code pending} name the policies responsible; {@code session} is the merged session controls
 * in force (strictest wins), {@code undetermined} the policies that might apply but lack information.
 */
public record CombinedOutcome(
        Outcome outcome,
        List<String> blockedBy,
        List<PendingGrant> pending,
        SessionControls session,
        List<String> undetermined) {

    public CombinedOutcome {
        blockedBy = List.copyOf(blockedBy);
        pending = List.copyOf(pending);
        undetermined = List.copyOf(undetermined);
    }

    /** Every requirement still mentioned by some pending grant. */
    public Set<Requirement> remainingRequirements() {
        Set<Requirement> out = new LinkedHashSet<>();
        pending.forEach(p -> out.addAll(p.options()));
        return out;
    }

    /** True when a policy that lacks information could change the outcome. */
    public boolean complete() {
        return undetermined.isEmpty();
    }
}
