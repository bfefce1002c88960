package io.aitmdefense.posture.assess;

import java.util.List;

/** AITM-CA-022: the break-glass accounts were inferred (group name or most excluded), not configured. */
final class BreakGlassUnresolved implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-022", Severity.INFO,
            "Break-glass accounts were inferred, not configured",
            "The break-glass accounts decide several checks. They were taken from the object excluded from the most "
                    + "policies or from a group name, which can pick a service-account group.",
            "Pass --break-glass ID[,ID] (user or group object ids) or list them in the directory snapshot.");

    @Override
    public Check check() {
        return Check.BREAK_GLASS_UNRESOLVED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        BreakGlass breakGlass = context.breakGlass();
        if (!breakGlass.inferred()) return List.of();
        return List.of(new Finding(check(), "Using " + String.join(", ", breakGlass.ids()) + " ("
                + breakGlass.source().label() + ").", List.of()));
    }
}
