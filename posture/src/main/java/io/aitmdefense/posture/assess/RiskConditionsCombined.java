package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.ArrayList;
import java.util.List;

/** AITM-CA-023: one policy sets both sign-in risk and user risk, which are ANDed. */
final class RiskConditionsCombined implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-023", Severity.MEDIUM,
            "A policy combines user risk and sign-in risk",
            "Conditions in one policy are ANDed: the policy only applies when both risks are present at once, so a "
                    + "risky replayed sign-in by a user without user risk is not stepped up.",
            "Split it into one policy for sign-in risk and one for user risk.");

    @Override
    public Check check() {
        return Check.RISK_CONDITIONS_COMBINED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.live()) {
            if (!p.conditions().signInRiskLevels().isEmpty() && !p.conditions().userRiskLevels().isEmpty()) {
                out.add(new Finding(check(), p.label() + " sets both sign-in risk and user risk.", List.of(p.label())));
            }
        }
        return out;
    }
}
