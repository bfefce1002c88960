package io.aitmdefense.posture.assess;

import java.util.List;

/**
 * The result of one evaluated sign-in. {@code deciding} are the enforced policies that block or ask for what the holder
 * cannot give, with the reason each; {@code applied} every enforced policy that applied; {@code reportOnlyWouldStop}
 * the report-only policies that would stop it once promoted.
 */
public record Verdict(
        Outcome outcome,
        List<PolicyReason> deciding,
        List<String> applied,
        List<PolicyReason> reportOnlyWouldStop) {

    public Verdict {
        deciding = List.copyOf(deciding);
        applied = List.copyOf(applied);
        reportOnlyWouldStop = List.copyOf(reportOnlyWouldStop);
    }

    /** A policy and why it matters for this sign-in. */
    public record PolicyReason(String policy, String reason) {
        @Override
        public String toString() {
            return policy + " (" + reason + ")";
        }
    }

    public List<String> decidingPolicies() {
        return deciding.stream().map(PolicyReason::policy).toList();
    }
}
