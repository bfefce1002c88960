package io.aitmdefense.posture.assess;

import java.util.ArrayList;
import java.util.List;

/** Runs every check (one {@link FindingRule} class each) and orders the findings, most severe first, then by id. */
final class FindingRules {

    /** Every check, in catalogue order: {@link Check} lists the same classes by reference. */
    static final List<FindingRule> RULES = List.of(new NoEnforcedPolicy(), new AdminPhishingResistantMfaMissing(),
            new UserPhishingResistantMfaMissing(), new ReplayReachesTarget(), new CompliantDeviceMissing(),
            new TokenProtectionMissing(), new TokenProtectionMisscoped(), new CaeStrictMissing(),
            new SignInRiskPolicyMissing(), new UserRiskPolicyMissing(), new EveryTimeFrequencyUnscoped(),
            new ProtectedActionsMissing(), new AuthContextUntargeted(), new AuthContextPolicyWeak(),
            new BreakGlassNotExcluded(), new BreakGlassUnprotected(), new LongRunningReportOnly(),
            new LegacyAuthNotBlocked(), new DeviceCodeNotBlocked(), new SecurityInfoRegistrationUnprotected(),
            new MfaGap(), new BreakGlassUnresolved(), new RiskConditionsCombined(), new InertPolicy(),
            new SiblingScopeDrift(), new SharedExclusion(), new GuestTypesUneven(), new IneffectiveCondition(),
            new MissingDirectoryObject(), new ControlPrerequisiteMissing(), new DuplicatePolicyId(),
            new ReplayPermutationGap(), new SignInPageCanaryMissing());

    private final CheckContext context;

    FindingRules(CheckContext context) {
        this.context = context;
    }

    List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        for (FindingRule rule : RULES) {
            // Two policies with one name and the same flaw would otherwise be reported twice in the same words.
            for (Finding f : rule.findings(context)) if (!findings.contains(f)) findings.add(f);
        }
        // Stable: findings of one check keep the order their rule produced them in.
        findings.sort((a, b) -> b.severity().compareTo(a.severity()) != 0 ? b.severity().compareTo(a.severity())
                : a.id().compareTo(b.id()));
        return List.copyOf(findings);
    }
}
