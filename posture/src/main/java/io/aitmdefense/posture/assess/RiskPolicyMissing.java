package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.RiskLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sign-in risk (AITM-CA-009) and user risk (AITM-CA-010) checks: an enabled policy that applies to ordinary
 * users at high risk and stops the replay. Both ask the same question of a different risk, so they share it here.
 */
abstract class RiskPolicyMissing implements FindingRule {

    private final boolean signIn;

    RiskPolicyMissing(boolean signIn) {
        this.signIn = signIn;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<String> covering = new ArrayList<>();
        boolean medium = false;
        for (RiskLevel level : List.of(RiskLevel.HIGH, RiskLevel.MEDIUM)) {
            SignInCase base = context.replay().attackerCase(Persona.ALL_USERS, new Access.Resource(Target.EXCHANGE_ONLINE));
            SignInCase c = new SignInCase(base.persona(), base.user(), base.access(), base.platform(), base.clientApp(),
                    base.network(), base.device(), signIn ? level : RiskLevel.NONE, signIn ? RiskLevel.NONE : level,
                    Optional.empty());
            for (ConditionalAccessPolicy p : context.snapshot().policies()) {
                if (!p.enforced() || levels(p).isEmpty()) continue;
                if (!CoverageMatrix.breaks(context.evaluator().decide(p, c, Holder.ATTACKER_REPLAY), Control.RISK_STEP_UP)) continue;
                if (level == RiskLevel.HIGH) covering.add(p.label());
                else medium = true;
            }
        }
        String kind = signIn ? "sign-in" : "user";
        if (covering.isEmpty()) {
            List<String> weak = context.live().stream().filter(p -> !levels(p).isEmpty())
                    .map(ConditionalAccessPolicy::label).toList();
            return List.of(new Finding(check(), "No enabled " + kind + "-risk policy for all users blocks or forces a "
                    + "fresh phishing-resistant sign-in." + (weak.isEmpty() ? "" : " Present but report-only, narrowed, "
                    + "or satisfied by the replayed MFA claim: " + String.join(", ", weak) + "."), weak));
        }
        if (signIn && !medium) {
            return List.of(new Finding(check(), Severity.MEDIUM, "Only high sign-in risk is handled ("
                    + String.join(", ", covering) + "); AiTM replays are usually scored medium and pass.", covering));
        }
        return List.of();
    }

    private Set<RiskLevel> levels(ConditionalAccessPolicy p) {
        return signIn ? p.conditions().signInRiskLevels() : p.conditions().userRiskLevels();
    }
}
