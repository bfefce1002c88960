package io.aitmdefense.harden.gate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The gate's answer for one ring: a result per policy, the thresholds used and the span of the logs read. */
public record GateReport(Ring ring, GateThresholds thresholds, long signIns, Optional<Instant> first,
                         Optional<Instant> last, List<PolicyResult> policies) {

    public static final String SCHEMA = "aitm.harden-gate/1";

    public GateReport {
        policies = List.copyOf(policies);
    }

    public boolean allAdvance() {
        return !policies.isEmpty() && policies.stream().allMatch(p -> p.verdict() == GateVerdict.ADVANCE);
    }

    public Optional<PolicyResult> policy(String displayName) {
        return policies.stream().filter(p -> p.policy().displayName().equalsIgnoreCase(displayName)).findFirst();
    }
}
