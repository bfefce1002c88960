package io.aitmdefense.respond.config;

import io.aitmdefense.respond.plan.Findings;

import java.util.List;

/**
 * Automatic containment, opted into per detection: an incident raised by one of {@code detections} with at least
 * {@code minConfidence} gets its reversible, user-scoped steps (disable, revoke, confirm compromised, remove the
 * attacker's rules and forwarding) run without waiting for a person; everything else still waits for approval.
 * Off when no detection is listed. Break-glass and privileged accounts are refused by the preflight either way.
 */
public record AutoPolicy(List<String> detections, double minConfidence) {
    public static final AutoPolicy OFF = new AutoPolicy(List.of(), 1.0);

    public AutoPolicy {
        detections = List.copyOf(detections);
    }

    public boolean enabled() {
        return !detections.isEmpty();
    }

    /** Whether this incident qualifies; the reason either way, for the audit trail. */
    public Decision decide(Findings f) {
        if (!enabled()) return new Decision(false, "automatic containment is off (respond.auto.detections is empty)");
        List<String> hit = f.detections().stream().filter(detections::contains).toList();
        if (hit.isEmpty()) return new Decision(false, "none of the incident's detections " + f.detections() + " is in respond.auto.detections");
        if (f.confidence() < minConfidence) {
            return new Decision(false, "confidence " + f.confidence() + " is below respond.auto.minConfidence " + minConfidence);
        }
        return new Decision(true, "detections " + hit + " at confidence " + f.confidence() + " ≥ " + minConfidence);
    }

    public record Decision(boolean automatic, String reason) {
    }
}
