package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.PolicyState;

import io.aitmdefense.posture.canary.SignInPageCanary;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything a {@link FindingRule} may read: the export, the evaluator, the replay simulation with its results and
 * permutation sweep, the coverage matrix, break-glass, personas, networks, the auth contexts protected actions are
 * known to require, "now", and the sign-in page canary as read (or not checked).
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
        Instant now,
        SignInPageCanary canary) {

    /** A role or group id as a person reads it: its name when the export or our role table knows it. */
    String describe(String id) {
        return RoleNames.name(id).or(() -> snapshot.directory().groupName(id)).map(n -> n + " (" + id + ")").orElse(id);
    }

    /** " Report-only, not enforced: a, b." or nothing: how findings name the policies that would help once promoted. */
    static String reportOnlySuffix(List<String> reportOnly) {
        return reportOnly.isEmpty() ? "" : " Report-only, not enforced: " + String.join(", ", reportOnly) + ".";
    }

    /** Where an attacker signs in with a password: a host in an allowed country if there is one, else abroad. */
    Network everydayNetwork() {
        return networks.attackerInAllowedCountry().orElse(networks.attacker());
    }

    /** Labels of the live policies that pass the test (the policies a finding names as related). */
    List<String> policiesWith(Predicate<ConditionalAccessPolicy> test) {
        return live().stream().filter(test).map(ConditionalAccessPolicy::label).toList();
    }

    /** Policies Entra evaluates at all (enabled or report-only): disabled ones are ignored by every check. */
    List<ConditionalAccessPolicy> live() {
        return snapshot.policies().stream().filter(p -> p.state() != PolicyState.DISABLED).toList();
    }
}
