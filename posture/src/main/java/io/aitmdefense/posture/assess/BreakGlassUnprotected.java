package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.UserCondition;

import java.util.List;

/** AITM-CA-016: no enabled policy aimed at the break-glass accounts requires a phishing-resistant strength. */
final class BreakGlassUnprotected implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-016", Severity.MEDIUM,
            "Break-glass accounts are not protected by their own policy",
            "Excluded from every policy, emergency accounts sign in with a password only: one phished or sprayed "
                    + "credential is a permanent Global Administrator session.",
            "Create an enforced policy: users = the break-glass group only, resources = All resources, grant = "
                    + "authentication strength 'Phishing-resistant MFA' (FIDO2 keys kept in a safe); monitor their "
                    + "sign-ins.");

    /** The policy names a break-glass account or group among its included users or groups. */
    static boolean targetsExplicitly(BreakGlass breakGlass, ConditionalAccessPolicy p) {
        UserCondition u = p.conditions().users();
        return u.includeUsers().stream().anyMatch(breakGlass::contains)
                || u.includeGroups().stream().anyMatch(breakGlass::contains);
    }

    @Override
    public Check check() {
        return Check.BREAK_GLASS_UNPROTECTED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        BreakGlass breakGlass = context.breakGlass();
        if (!breakGlass.known()) return List.of();
        for (ConditionalAccessPolicy p : context.live()) {
            if (!targetsExplicitly(breakGlass, p) || !p.enforced()) continue;
            boolean phishingResistant = p.grantControls().flatMap(GrantControls::authenticationStrength)
                    .flatMap(context.snapshot()::resolve).map(AuthenticationStrength::phishingResistant).orElse(false);
            if (phishingResistant) return List.of();
        }
        return List.of(new Finding(check(), "No enabled policy targets " + String.join(", ", breakGlass.ids())
                + " with a phishing-resistant strength.", List.of()));
    }
}
