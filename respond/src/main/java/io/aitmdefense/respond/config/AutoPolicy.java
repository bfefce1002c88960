package io.aitmdefense.respond.config;

import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.ProxiedDomain;
import io.aitmdefense.respond.plan.StepKind;
import io.aitmdefense.respond.run.Approval;

import java.util.List;
import java.util.Set;

/**
 * Automatic containment, opted into per detection: an incident raised by one of {@code detections} with at least
 * {@code minConfidence} gets its reversible, user-scoped steps (disable, revoke, confirm compromised, remove the
 * attacker's rules and forwarding) run without waiting for a person; everything else still waits for approval.
 * <p>
 * {@code revokeOnCanaryAtRisk} ({@code onCanaryAtRisk: revoke-sessions}) acts earlier and narrower: a user the sign-in
 * page canary names at risk (a sign-in from an address a proxied sign-in page was just shown to) has their sessions
 * revoked at once, before any replay, and nothing else; revoking is harmless to a user who only has to sign in again.
 * Off unless detections are listed or the canary opt-in is set. Break-glass and privileged accounts are refused by the
 * preflight either way.
 */
public record AutoPolicy(List<String> detections, double minConfidence, boolean revokeOnCanaryAtRisk) {
    public static final AutoPolicy OFF = new AutoPolicy(List.of(), 1.0, false);
    /** The value of {@code respond.auto.onCanaryAtRisk} that turns it on (the only action it may take). */
    public static final String REVOKE_SESSIONS = "revoke-sessions";

    public AutoPolicy {
        detections = List.copyOf(detections);
    }

    public AutoPolicy(List<String> detections, double minConfidence) {
        this(detections, minConfidence, false);
    }

    public boolean enabled() {
        return !detections.isEmpty() || revokeOnCanaryAtRisk;
    }

    /** Whether this incident qualifies, what it allows, and the reason either way, for the audit trail. */
    public Decision decide(Findings f) {
        if (!enabled()) {
            return Decision.declined("automatic containment is off (respond.auto.detections is empty, onCanaryAtRisk is not set)");
        }
        List<String> hit = f.detections().stream().filter(detections::contains).toList();
        if (!hit.isEmpty() && f.confidence() >= minConfidence) {
            return new Decision(true, "detections " + hit + " at confidence " + f.confidence() + " ≥ " + minConfidence,
                    Approval.automatic(String.join("+", detections)));
        }
        if (revokeOnCanaryAtRisk && f.proxiedDomain().isEmpty() && f.detections().contains(ProxiedDomain.DETECTION)) {
            return new Decision(true, "the user signed in from an address a proxied sign-in page was shown to ("
                    + ProxiedDomain.DETECTION + "): respond.auto.onCanaryAtRisk revokes the sessions, nothing else",
                    Approval.automaticSteps(Set.of(StepKind.REVOKE_SESSIONS.id()), "onCanaryAtRisk"));
        }
        if (detections.isEmpty()) {
            return Decision.declined("none of the incident's detections " + f.detections() + " is a user at risk by the "
                    + "canary, and respond.auto.detections is empty");
        }
        if (hit.isEmpty()) return Decision.declined("none of the incident's detections " + f.detections() + " is in respond.auto.detections");
        return Decision.declined("confidence " + f.confidence() + " is below respond.auto.minConfidence " + minConfidence);
    }

    /** @param approval what the policy lets run: {@link Approval#none()} when declined */
    public record Decision(boolean automatic, String reason, Approval approval) {
        static Decision declined(String reason) {
            return new Decision(false, reason, Approval.none());
        }
    }
}
