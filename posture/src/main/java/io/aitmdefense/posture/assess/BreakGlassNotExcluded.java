package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.whatif.ConditionKind;
import io.aitmdefense.posture.whatif.PolicyDecision;

import java.util.ArrayList;
import java.util.List;

/** AITM-CA-015: a policy that applies to the break-glass accounts (high when it can lock them out). */
final class BreakGlassNotExcluded implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-015", Severity.HIGH,
            "Break-glass accounts are not excluded from a policy",
            "Emergency-access accounts exist for when Conditional Access or MFA fails. A policy that includes them can "
                    + "lock the tenant out (a block, a device requirement, a federated MFA outage).",
            "Add the break-glass group to the policy's excluded users and groups. Protect the accounts with their "
                    + "own dedicated policy (phishing-resistant strength) and alert on every sign-in.");

    @Override
    public Check check() {
        return Check.BREAK_GLASS_NOT_EXCLUDED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        BreakGlass breakGlass = context.breakGlass();
        if (!breakGlass.known()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.live()) {
            if (BreakGlassUnprotected.targetsExplicitly(breakGlass, p)) continue;
            PolicyDecision d = context.evaluator().decide(p, context.replay().attackerCase(Persona.BREAK_GLASS,
                    new Access.Resource(Target.EXCHANGE_ONLINE)), Holder.ATTACKER_REPLAY);
            if (d.condition() == ConditionKind.USERS || d.condition() == ConditionKind.WORKLOAD_IDENTITIES) continue;
            boolean risky = p.grantControls().map(g -> g.blocks() || g.builtInControls().contains(BuiltInControl.COMPLIANT_DEVICE)
                    || g.builtInControls().contains(BuiltInControl.DOMAIN_JOINED_DEVICE) || g.authenticationStrength().isPresent())
                    .orElse(false);
            out.add(new Finding(check(), risky ? Severity.HIGH : Severity.MEDIUM,
                    p.label() + " (" + p.state().graphName() + ") applies to the break-glass accounts"
                            + (risky ? " and can lock them out." : "."), List.of(p.label())));
        }
        return out;
    }
}
