package io.aitmdefense.simulate.eval;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The outcome of comparing a detection run with truth.json: incident and per-detection scores, per-victim delays, goals. */
public record EvalReport(long userDays, IncidentScore incidents, List<DetectionScore> detections,
                         List<VictimOutcome> victims, List<Goal> goals) {

    public boolean goalsMet() {
        return goals.stream().allMatch(Goal::met);
    }

    /**
     * Incident-level scores. Recall counts victims that reached replay or persistence and got at least one matching
     * incident; precision with no incidents at all is 1 (nothing false was raised).
     */
    public record IncidentScore(int incidents, int truePositives, int falsePositives, int victimsInScope,
                                int victimsDetected, int victimsTotal, int victimsTotalDetected) {
        public double precision() {
            return incidents == 0 ? 1.0 : (double) truePositives / incidents;
        }

        public double recall() {
            return victimsInScope == 0 ? 1.0 : (double) victimsDetected / victimsInScope;
        }

        public double falsePositivesPer10kUserDays(long userDays) {
            return userDays == 0 ? 0 : falsePositives * 10_000.0 / userDays;
        }
    }

    /** One detection's alerts split into true and false, and the victims it applies to and caught. */
    public record DetectionScore(String id, int alerts, int truePositives, int falsePositives, int applicableVictims,
                                 int detectedVictims) {
        public OptionalDouble precision() {
            return alerts == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / alerts);
        }

        public OptionalDouble recall() {
            return applicableVictims == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) detectedVictims / applicableVictims);
        }
    }

    /**
     * One victim: whether an incident matched, and for a victim with a replay the delay from the first replay to the
     * start and to the end of the earliest matching alert (the end is when the engine had the evidence to decide).
     */
    public record VictimOutcome(String user, String campaign, String technique, boolean inScope, boolean detected,
                                Optional<Duration> replayToAlertStart, Optional<Duration> replayToAlertEnd) {
    }

    /** One goal of issue 4; {@code percent} says whether {@code measured} is a ratio shown as a percentage. */
    public record Goal(String name, String target, double measured, boolean percent, boolean met) {
        public String shown() {
            return percent ? String.format(java.util.Locale.ROOT, "%.1f%%", measured * 100)
                    : String.format(java.util.Locale.ROOT, "%.2f", measured);
        }
    }
}
