package io.aitmdefense.events;

import java.util.List;

/** Identity Protection fields on a sign-in. Levels: none, low, medium, high, hidden ("" when absent). */
public record Risk(String levelDuringSignIn, String levelAggregated, String state, String detail,
                   List<String> eventTypes) {
    public static final Risk NONE = new Risk("", "", "", "", List.of());

    /** Risky and not already dismissed or remediated by Identity Protection or an admin. */
    public boolean atRisk() {
        boolean level = isElevated(levelDuringSignIn) || isElevated(levelAggregated) || !eventTypes.isEmpty();
        return level && !RiskDetection.triaged(state, detail);
    }

    static boolean isElevated(String level) {
        return level.equals("low") || level.equals("medium") || level.equals("high");
    }
}
