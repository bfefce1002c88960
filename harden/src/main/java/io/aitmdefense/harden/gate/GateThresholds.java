package io.aitmdefense.harden.gate;

/**
 * When a ring may advance: at most {@code maxFailures} failures (report-only or enforced) among the sign-ins the
 * policy applied to, over logs of at least {@code minDays} calendar days covering at least {@code minUsers} users.
 * Interruptions (a prompt the user can answer) are shown but do not hold a ring.
 */
public record GateThresholds(int minDays, int minUsers, int maxFailures) {

    public static final GateThresholds DEFAULT = new GateThresholds(7, 10, 0);

    public GateThresholds {
        if (minDays < 0 || minUsers < 0 || maxFailures < 0) throw new IllegalArgumentException("thresholds must not be negative");
    }
}
