package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.PolicyState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyPlannerTest {

    private final HardenPlan plan = PlanFixture.plan();

    @Test
    void theMicrosoftManagedDeviceCodeBlockIsAdoptedWithBreakGlassExclusionsAndNothingElse() {
        PlannedPolicy p = plan.policy(TargetPolicy.BLOCK_DEVICE_CODE);
        assertThat(p.decision()).isEqualTo(Decision.CHANGE);
        assertThat(p.microsoftManaged()).isTrue();
        assertThat(p.displayName()).isEqualTo("Microsoft-managed: Block device code flow");
        assertThat(p.change().state()).isEmpty();
        assertThat(p.change().addExcludeGroups()).containsExactly(PlanFixture.BREAK_GLASS_GROUP);
        assertThat(p.change().addExcludeUsers()).containsExactly(PlanFixture.BREAK_GLASS_USER);
        assertThat(plan.generated()).noneMatch(g -> g.target() == TargetPolicy.BLOCK_DEVICE_CODE);
    }

    @Test
    void aWeakerExistingPolicyIsNamedAndTheTargetIsGenerated() {
        PlannedPolicy compliant = plan.policy(TargetPolicy.COMPLIANT_DEVICE);
        assertThat(compliant.decision()).isEqualTo(Decision.CREATE);
        assertThat(compliant.overlaps()).anySatisfy(o -> assertThat(o)
                .startsWith("CA002-AllUsers-AllApps-Windows-RequireCompliant is weaker").contains("macOS"));
        PlannedPolicy risk = plan.policy(TargetPolicy.SIGN_IN_RISK);
        assertThat(risk.decision()).isEqualTo(Decision.CREATE);
        assertThat(risk.overlaps()).anySatisfy(o -> assertThat(o)
                .contains("Multifactor authentication and reauthentication for risky sign-ins (Microsoft-managed) is weaker"));
    }

    @Test
    void everyGeneratedPolicyIsReportOnlyForThePilotGroupWithBreakGlassExcludedAndThePrefix() {
        assertThat(plan.generated()).hasSize(5);
        for (PlannedPolicy p : plan.generated()) {
            ConditionalAccessPolicy g = p.policy();
            assertThat(g.state()).isEqualTo(PolicyState.REPORT_ONLY);
            assertThat(g.displayName()).startsWith("AiTM-");
            assertThat(g.conditions().users().includeGroups()).containsExactly(PlanFixture.PILOT_GROUP);
            assertThat(g.conditions().users().includeUsers()).isEmpty();
            assertThat(g.conditions().users().excludeGroups()).containsExactly(PlanFixture.BREAK_GLASS_GROUP);
            assertThat(g.conditions().users().excludeUsers()).containsExactly(PlanFixture.BREAK_GLASS_USER);
            assertThat(p.why()).startsWith("Breaks ").contains("AITM-CA-");
            assertThat(p.enforced().conditions().users().includeUsers()).containsExactly("All");
        }
    }

    @Test
    void contextsComeFirstAndAContextThatIsNotOfferedToAppsIsMadeAvailable() {
        assertThat(plan.contexts()).extracting(c -> c.context().id() + ":" + c.decision())
                .containsExactly("c2:CREATE", "c1:CHANGE");
        assertThat(plan.contexts()).allMatch(c -> c.context().available());
        assertThat(plan.bindings()).hasSize(7).allMatch(b -> b.contextId().equals("c2")
                && b.requiresPolicy().equals("AiTM-AuthContext-c2-TenantConfig-PhishingResistant-EveryTime"));
    }

    @Test
    void tokenProtectionIsScopedTheWayTheGuideSays() {
        ConditionalAccessPolicy tp = plan.policy(TargetPolicy.TOKEN_PROTECTION).policy();
        assertThat(tp.sessionControls().tokenProtection()).isTrue();
        assertThat(tp.conditions().applications().includeApplications()).containsExactly(
                "00000002-0000-0ff1-ce00-000000000000", "00000003-0000-0ff1-ce00-000000000000",
                "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe");
        assertThat(tp.conditions().clientAppTypes()).extracting(Enum::name).containsExactly("MOBILE_APPS_AND_DESKTOP_CLIENTS");
        assertThat(tp.conditions().platforms().includePlatforms()).extracting(Enum::name).containsExactly("WINDOWS");
    }

    @Test
    void aPersonaFrameworkPolicyScopedToOneGroupIsNotTakenForAllUsers() {
        var export = new io.aitmdefense.posture.read.CaExportReader()
                .read(java.nio.file.Path.of("../shared/data/ca-policies/philippkohn-CAZeroTrust/original")).snapshot();
        assertThat(export.policies()).hasSize(52);
        HardenPlan real = new PolicyPlanner().plan(export, new PlanOptions(PlanFixture.PILOT_GROUP,
                BreakGlassIds.classify(java.util.List.of("ee2bdc01-80c2-4e28-9882-858bcfa005bf"), export), "AiTM-"));
        PlannedPolicy compliant = real.policy(TargetPolicy.COMPLIANT_DEVICE);
        assertThat(compliant.decision()).isEqualTo(Decision.CREATE);
        assertThat(compliant.overlaps()).anySatisfy(o -> assertThat(o)
                .startsWith("CA100-Admins-BaseProtection-AllApps-AnyPlatform-CompliantorHybridJoin stops every replay but only for its groups"));
        assertThat(real.generated()).hasSize(6);
    }

    @Test
    void anEnforcedEquivalentThatAlreadyExcludesBreakGlassIsKeptUntouched() {
        var export = PlanFixture.export();
        var options = PlanFixture.options(export);
        ConditionalAccessPolicy ours = TargetPolicy.COMPLIANT_DEVICE.build(options, Audience.ALL_USERS, PolicyState.ENABLED);
        ConditionalAccessPolicy existing = new ConditionalAccessPolicy("e-1", "Existing compliant device", PolicyState.ENABLED,
                ours.createdDateTime(), ours.modifiedDateTime(), ours.templateId(), ours.conditions(), ours.grantControls(),
                ours.sessionControls(), "test", java.util.Map.of());
        var withIt = new io.aitmdefense.posture.model.ConditionalAccessSnapshot(
                java.util.stream.Stream.concat(export.policies().stream(), java.util.stream.Stream.of(existing)).toList(),
                export.namedLocations(), export.authenticationStrengths(), export.authenticationContexts(), export.directory());
        PlannedPolicy p = new PolicyPlanner().plan(withIt, options).policy(TargetPolicy.COMPLIANT_DEVICE);
        assertThat(p.decision()).isEqualTo(Decision.KEEP);
        assertThat(p.policy().id()).isEqualTo("e-1");
    }
}
