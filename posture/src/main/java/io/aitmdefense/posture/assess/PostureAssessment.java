package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.canary.SignInPageCanary;

import java.util.List;

/**
 * Everything {@code aitm posture} reports for one Conditional Access export: the four-control score, the kill-chain
 * coverage matrix, the replay simulation per persona and target, the findings (most severe first), the break-glass
 * accounts used, the assumptions the assessment had to make, and the replay of every persona × target × platform ×
 * client ({@code permutations}), and the sign-in page canary in the tenant's branding ({@code canary}, not checked
 * unless the branding was read).
 */
public record PostureAssessment(
        ControlScore score,
        CoverageMatrix matrix,
        List<ReplayResult> replays,
        List<Finding> findings,
        BreakGlass breakGlass,
        List<String> assumptions,
        int policies,
        int enforcedPolicies,
        int reportOnlyPolicies,
        List<ReplayCoverage> permutations,
        SignInPageCanary canary) {

    public PostureAssessment {
        replays = List.copyOf(replays);
        findings = List.copyOf(findings);
        assumptions = List.copyOf(assumptions);
        permutations = List.copyOf(permutations);
    }

    /** An assessment without the branding read. */
    public PostureAssessment(ControlScore score, CoverageMatrix matrix, List<ReplayResult> replays, List<Finding> findings,
                             BreakGlass breakGlass, List<String> assumptions, int policies, int enforcedPolicies,
                             int reportOnlyPolicies, List<ReplayCoverage> permutations) {
        this(score, matrix, replays, findings, breakGlass, assumptions, policies, enforcedPolicies, reportOnlyPolicies,
                permutations, SignInPageCanary.notChecked());
    }

    /** An assessment without the permutation sweep (the shape before it existed). */
    public PostureAssessment(ControlScore score, CoverageMatrix matrix, List<ReplayResult> replays, List<Finding> findings,
                             BreakGlass breakGlass, List<String> assumptions, int policies, int enforcedPolicies,
                             int reportOnlyPolicies) {
        this(score, matrix, replays, findings, breakGlass, assumptions, policies, enforcedPolicies, reportOnlyPolicies,
                List.of());
    }

    public boolean hasFindingsAtLeast(Severity severity) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(severity));
    }

    public List<Finding> findings(Check check) {
        return findings.stream().filter(f -> f.check() == check).toList();
    }

    /** The permutation sweep of one persona and target. */
    public ReplayCoverage permutations(Persona persona, Target target) {
        return permutations.stream().filter(r -> r.persona() == persona && r.target() == target).findFirst().orElseThrow();
    }

    public ReplayResult replay(Persona persona, Target target) {
        return replays.stream().filter(r -> r.persona() == persona && r.target() == target).findFirst().orElseThrow();
    }
}
