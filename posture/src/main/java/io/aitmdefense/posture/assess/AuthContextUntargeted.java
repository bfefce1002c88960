package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** AITM-CA-013: an authentication context that no enabled policy targets. */
final class AuthContextUntargeted implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-013", Severity.MEDIUM,
            "Authentication context defined but not targeted by an enforced policy",
            "Apps, PIM and protected actions that request this context get no extra check: a context with no enforced "
                    + "policy is satisfied by any session, including a replayed one. Report-only targeting does not count.",
            "Create or enable a policy whose target resources are this authentication context, requiring the "
                    + "phishing-resistant strength with sign-in frequency 'every time'; or delete the context if "
                    + "nothing requests it.");

    @Override
    public Check check() {
        return Check.AUTH_CONTEXT_UNTARGETED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (String id : CoverageMatrix.authContexts(context.evaluator())) {
            List<ConditionalAccessPolicy> targeting = AuthContextPolicyWeak.targeting(context, id);
            if (targeting.stream().anyMatch(ConditionalAccessPolicy::enforced)) continue;
            Optional<AuthenticationContext> defined = context.snapshot().authenticationContext(id);
            List<String> names = targeting.stream().map(ConditionalAccessPolicy::label).toList();
            out.add(new Finding(check(), "Authentication context " + id + defined.map(c -> " ('" + c.displayName()
                    + "')").orElse("") + " has no enabled policy." + CheckContext.reportOnlySuffix(names), names));
        }
        return out;
    }
}
