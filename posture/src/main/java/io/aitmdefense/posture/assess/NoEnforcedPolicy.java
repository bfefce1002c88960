package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.PolicyState;

import java.util.List;

/** AITM-CA-001: every policy is disabled or report-only. */
final class NoEnforcedPolicy implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-001", Severity.CRITICAL,
            "No Conditional Access policy is enforced",
            "Every policy is disabled or report-only, so nothing breaks any step of the AiTM kill chain: a session "
                    + "cookie stolen through a reverse proxy is accepted from any device, network and platform.",
            "Promote the baseline policies (MFA for all users, legacy-auth block, device-code block, compliant device, "
                    + "risk step-up) to 'On' after checking their report-only results in the sign-in logs; keep the "
                    + "break-glass group excluded from each.");

    @Override
    public Check check() {
        return Check.NO_ENFORCED_POLICY;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        ConditionalAccessSnapshot snapshot = context.snapshot();
        if (snapshot.policies().stream().anyMatch(ConditionalAccessPolicy::enforced)) return List.of();
        long reportOnly = snapshot.policies().stream().filter(ConditionalAccessPolicy::reportOnly).count();
        long disabled = snapshot.policies().stream().filter(p -> p.state() == PolicyState.DISABLED).count();
        return List.of(new Finding(check(), snapshot.policies().size() + " policies: " + disabled + " disabled, "
                + reportOnly + " report-only, none enabled.", List.of()));
    }
}
