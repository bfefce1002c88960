package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** AITM-CA-011: an every-time sign-in frequency outside an auth context, user action, risk scope or the Intune enrolment apps. */
final class EveryTimeFrequencyUnscoped implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-011", Severity.LOW,
            "Every-time sign-in frequency applies outside an authentication context or risk scope",
            "Sign-in frequency 'every time' forces full re-authentication on every evaluation. Microsoft recommends "
                    + "it only for risky sign-ins, risky users, PIM activation, Intune enrolment and step-up contexts; "
                    + "applied to ordinary app access it trains users to approve constant prompts (MFA fatigue) and "
                    + "breaks clients.",
            "Move the 'every time' control to a policy scoped by an authentication context (c1, c2 …), a user action, "
                    + "sign-in/user risk or the enrolment app; use a time-based frequency for ordinary app access.");

    /** Apps where an every-time frequency is what Microsoft recommends: Intune enrolment and the Intune service. */
    private static final Set<String> EVERY_TIME_APPS = Set.of("d4ebce55-015a-49b5-a083-c84d1797ae8c",
            "0000000a-0000-0000-c000-000000000000");

    @Override
    public Check check() {
        return Check.EVERY_TIME_FREQUENCY_UNSCOPED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.live()) {
            if (!p.sessionControls().signInFrequency().map(f -> f.everyTime()).orElse(false)) continue;
            var apps = p.conditions().applications();
            boolean scoped = !apps.includeAuthenticationContextClassReferences().isEmpty()
                    || !apps.includeUserActions().isEmpty()
                    || !p.conditions().signInRiskLevels().isEmpty() || !p.conditions().userRiskLevels().isEmpty()
                    || (!apps.includeApplications().isEmpty() && apps.includeApplications().stream()
                        .allMatch(a -> EVERY_TIME_APPS.contains(a.toLowerCase(Locale.ROOT))));
            if (!scoped) {
                out.add(new Finding(check(), p.label() + " asks for a fresh sign-in every time on "
                        + String.join(", ", apps.includeApplications()) + " without an auth-context, user-action or risk "
                        + "scope.", List.of(p.label())));
            }
        }
        return out;
    }
}
