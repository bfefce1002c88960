package io.aitmdefense.harden.gate;

import java.time.LocalDate;
import java.util.List;

/**
 * What the sign-in logs say about one policy: results split interactive and non-interactive (a failure on a
 * non-interactive refresh is a background client silently breaking; an interruption there is usually noise), how
 * many users and days the evaluated sign-ins cover, the failing and interrupted rows grouped by dimension, the
 * trend per day, and the verdict with its reason.
 */
public record PolicyResult(
        GatedPolicy policy,
        Counts interactive,
        Counts nonInteractive,
        int users,
        int days,
        GateVerdict verdict,
        String reason,
        List<BlockingGroup> blocking,
        List<DayTrend> trend) {

    public PolicyResult {
        blocking = List.copyOf(blocking);
        trend = List.copyOf(trend);
    }

    /** Sign-ins per result kind. */
    public record Counts(long success, long failure, long interrupted, long notApplied) {
        public long evaluated() {
            return success + failure + interrupted;
        }
    }

    /** Failing or interrupted sign-ins sharing one value of a dimension (app, client app, OS / browser, …). */
    public record BlockingGroup(String dimension, String value, long failures, long interruptions, int users) {
    }

    /** One calendar day (UTC) of evaluated sign-ins. */
    public record DayTrend(LocalDate day, long success, long failure, long interrupted) {
    }

    public long failures() {
        return interactive.failure() + nonInteractive.failure();
    }

    public long evaluated() {
        return interactive.evaluated() + nonInteractive.evaluated();
    }

    public List<BlockingGroup> blocking(String dimension) {
        return blocking.stream().filter(b -> b.dimension().equals(dimension)).toList();
    }
}
