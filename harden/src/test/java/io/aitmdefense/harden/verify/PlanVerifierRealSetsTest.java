package io.aitmdefense.harden.verify;

import io.aitmdefense.harden.plan.BreakGlassIds;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlanOptions;
import io.aitmdefense.harden.plan.PolicyPlanner;
import io.aitmdefense.posture.assess.CellStatus;
import io.aitmdefense.posture.assess.Control;
import io.aitmdefense.posture.assess.KillChainStep;
import io.aitmdefense.posture.assess.Outcome;
import io.aitmdefense.posture.assess.Persona;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan for two real policy sets, checked by the posture evaluator: j0eyv's enforced baseline (no token protection,
 * no auth contexts, phishing-resistant MFA only report-only) and philippkohn's persona framework (every policy
 * disabled). Once the plan is applied and enforced, every promised cell is enforced, the findings the plan targets
 * are closed, and no replayed session of a user or admin gets in on any platform or client — guests are the named
 * gap where compliant devices and token protection cannot apply.
 */
class PlanVerifierRealSetsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "j0eyv-ConditionalAccessBaseline/original, 2802b872-ccfb-4b29-a9a9-459808dfb11b",
            "philippkohn-CAZeroTrust/original, ee2bdc01-80c2-4e28-9882-858bcfa005bf"})
    void thePromisedCellsAreEnforcedAndReplaysOfUsersAndAdminsAreStoppedEverywhere(String set, String breakGlass) {
        ConditionalAccessSnapshot export = new CaExportReader().read(Path.of("../shared/data/ca-policies/" + set)).snapshot();
        assertThat(export.policies()).as("policies in %s", set).hasSizeGreaterThan(30);
        HardenPlan plan = new PolicyPlanner().plan(export, new PlanOptions("aaaaaaaa-0000-4000-8000-00000000a001",
                BreakGlassIds.classify(List.of(breakGlass), export), PlanOptions.DEFAULT_PREFIX));
        assertThat(plan.options().breakGlass().groups()).containsExactly(breakGlass);
        PlanVerification v = new PlanVerifier(CLOCK).verify(export, plan);

        assertThat(v.promises()).hasSize(8);
        assertThat(v.promises()).allSatisfy(p -> assertThat(p.kept()).as(p.cell() + " by " + p.policy()).isTrue());
        for (var cell : List.of(
                new Object[] {KillChainStep.REPLAY, Control.TOKEN_PROTECTION},
                new Object[] {KillChainStep.REPLAY, Control.COMPLIANT_DEVICE},
                new Object[] {KillChainStep.REPLAY, Control.AUTH_CONTEXT_EVERY_TIME},
                new Object[] {KillChainStep.CA_TAMPERING, Control.PROTECTED_ACTIONS},
                new Object[] {KillChainStep.CA_TAMPERING, Control.AUTH_CONTEXT_EVERY_TIME},
                new Object[] {KillChainStep.REPLAY, Control.RISK_STEP_UP})) {
            assertThat(v.cell((KillChainStep) cell[0], (Control) cell[1]).after()).as("%s × %s", cell[0], cell[1])
                    .isEqualTo(CellStatus.ENFORCED);
        }
        assertThat(v.after().total()).isGreaterThan(v.before().total());
        assertThat(v.findings()).filteredOn(f -> f.findingId().equals("AITM-CA-006") || f.findingId().equals("AITM-CA-012"))
                .isNotEmpty().allSatisfy(f -> assertThat(f.closed()).as(f.findingId()).isTrue());

        assertThat(v.replays()).hasSize(3 * 4 * 5 * 2);
        assertThat(v.replays()).filteredOn(r -> r.persona() != Persona.GUESTS)
                .allSatisfy(r -> assertThat(r.after()).as("%s %s %s %s", r.persona(), r.target(), r.platform(), r.client())
                        .isNotEqualTo(Outcome.GRANTED));
        assertThat(v.replays()).filteredOn(r -> r.tokenProtectionCanBind() && r.persona() != Persona.GUESTS)
                .isNotEmpty().allSatisfy(r -> assertThat(r.stoppedBy()).isNotEmpty());
        assertThat(v.gaps()).anySatisfy(g -> assertThat(g).startsWith("token protection cannot bind browsers, macOS"));
        assertThat(v.gaps()).anySatisfy(g -> assertThat(g).contains("guests"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"philippkohn-CAZeroTrust/original"})
    void aTenantWithNothingEnforcedGoesFromEveryReplayGrantedToOnlyGuestsGranted(String set) {
        ConditionalAccessSnapshot export = new CaExportReader().read(Path.of("../shared/data/ca-policies/" + set)).snapshot();
        HardenPlan plan = new PolicyPlanner().plan(export, new PlanOptions("aaaaaaaa-0000-4000-8000-00000000a001",
                BreakGlassIds.classify(List.of("ee2bdc01-80c2-4e28-9882-858bcfa005bf"), export), PlanOptions.DEFAULT_PREFIX));
        PlanVerification v = new PlanVerifier(CLOCK).verify(export, plan);
        assertThat(v.before().total()).isZero();
        assertThat(v.replays()).allSatisfy(r -> assertThat(r.before()).isEqualTo(Outcome.GRANTED));
        assertThat(v.stillGranted()).isNotEmpty().allSatisfy(r -> assertThat(r.persona()).isEqualTo(Persona.GUESTS));
        assertThat(v.gaps()).anySatisfy(g -> assertThat(g).startsWith("replay still granted: guests → Exchange Online"));
    }
}
