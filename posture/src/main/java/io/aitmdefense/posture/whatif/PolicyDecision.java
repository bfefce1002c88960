package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.GrantOperator;

import java.util.List;

/**
 * One policy against one sign-in. {@code condition} and {@code reason} say which condition decided applicability
 * (for APPLIES: {@link ConditionKind#ALL_MATCHED} and what matched). For applicable policies, {@code required} is the
 * grant expression ({@code operator} over its terms) and {@code unmet} the terms this sign-in does not meet.
 */
public record PolicyDecision(
        ConditionalAccessPolicy policy,
        Applicability applicability,
        ConditionKind condition,
        String reason,
        GrantResult grant,
        GrantOperator operator,
        List<Requirement> required,
        List<Requirement> unmet) {

    public PolicyDecision {
        required = List.copyOf(required);
        unmet = List.copyOf(unmet);
    }

    public boolean applies() {
        return applicability == Applicability.APPLIES;
    }

    /** Report-only results are "would have" outcomes; they never count as enforcement. */
    public boolean reportOnly() {
        return policy.reportOnly();
    }

    /** The {@code appliedConditionalAccessPolicies[].result} the sign-in log would show. */
    public String signInLogResult() {
        if (applicability == Applicability.NOT_ENABLED) return "notEnabled";
        String prefix = policy.reportOnly() ? "reportOnly" : "";
        if (applicability == Applicability.NOT_ENOUGH_INFORMATION) return policy.reportOnly() ? "reportOnlyNotApplied" : "unknown";
        if (applicability == Applicability.DOES_NOT_APPLY) return prefix.isEmpty() ? "notApplied" : "reportOnlyNotApplied";
        String r = switch (grant) {
            case BLOCK -> "failure";
            case SATISFIED, NO_GRANT_CONTROLS -> "success";
            case NOT_SATISFIED -> policy.reportOnly() ? "interrupted" : "failure";
        };
        return prefix.isEmpty() ? r : prefix + Character.toUpperCase(r.charAt(0)) + r.substring(1);
    }
}
