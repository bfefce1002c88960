package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.List;
import java.util.Set;

/** AITM-CA-012: no available authentication context has an enabled policy a replayed admin session cannot satisfy. */
final class ProtectedActionsMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-012", Severity.HIGH,
            "Conditional Access and named-location changes are not behind a protected action",
            "An attacker holding an administrator's replayed session can disable policies, exclude themselves or add "
                    + "a trusted named location. Protected actions bind those permissions to an authentication context "
                    + "whose policy demands a fresh phishing-resistant sign-in the attacker cannot give.",
            "Create auth context c1 ('Tenant configuration changes', published), an enforced policy targeting c1 "
                    + "with the phishing-resistant strength and sign-in frequency 'every time' (break-glass excluded), "
                    + "then in Entra roles > Protected actions bind microsoft.directory/conditionalAccessPolicies/* and "
                    + "namedLocations/* to c1.");

    @Override
    public Check check() {
        return Check.PROTECTED_ACTIONS_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        Set<String> contexts = CoverageMatrix.authContexts(context.evaluator());
        for (String id : contexts) {
            boolean available = context.snapshot().authenticationContext(id).map(AuthenticationContext::available).orElse(true);
            if (!available) continue;
            for (ConditionalAccessPolicy p : AuthContextPolicyWeak.enforcedTargeting(context, id)) {
                if (AuthContextPolicyWeak.missing(context, p, id).isEmpty()) return List.of();
            }
        }
        return List.of(new Finding(check(), contexts.isEmpty()
                ? "No authentication context exists, so no protected action can guard Conditional Access or "
                + "named-location changes."
                : "No available authentication context has an enabled policy demanding a fresh phishing-resistant "
                + "sign-in, so protected actions on CA management cannot stop a replayed admin session.", List.of()));
    }
}
