package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.PolicyState;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything a {@link FindingRule} may read: the export, the evaluator, the replay simulation with its results and
 * permutation sweep, the coverage matrix, break-glass, personas, networks, the auth contexts protected actions are
 * known to require, and "now".
 */
record CheckContext(
        ConditionalAccessSnapshot snapshot,
        CaseEvaluator evaluator,
        ReplaySimulation replay,
        List<ReplayResult> replays,
        List<ReplayCoverage> permutations,
        CoverageMatrix matrix,
        BreakGlass breakGlass,
        Personas personas,
        Networks networks,
        Set<String> protectedActionContexts,
        Instant now) {

    /** A role or group id as a person reads it: its name when the export or our role table knows it. */
    String describe(String id) {
        return RoleNames.name(id).or(() -> snapshot.directory().groupName(id)).map(n -> n + " (" + id + ")").orElse(id);
    }

    /** Policies Entra evaluates at all (enabled or report-only): disabled ones are ignored by every check. */
    List<ConditionalAccessPolicy> live() {
        return snapshot.policies().stream().filter(p -> p.state() != PolicyState.DISABLED).toList();
    }
}
