package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * philippkohn/ConditionalAccessforZeroTrustResources: Microsoft's persona framework (CA001–CA900) exported from a lab
 * tenant with every policy disabled. However good the design, nothing is enforced, and the assessment must say so
 * everywhere instead of crediting the intent.
 */
class PhilippkohnZeroTrustAssessmentTest {

    static PostureAssessment assessment;

    @BeforeAll
    static void assess() {
        var snapshot = new CaExportReader().read(Path.of("../shared/data/ca-policies/philippkohn-CAZeroTrust/original")).snapshot();
        assessment = new PostureAssessor().assess(snapshot, PostureAssessor.Options.defaults());
    }

    @Test
    void everyApplicableCellHasNoEnforcedControl() {
        assertThat(assessment.policies()).isEqualTo(52);
        assertThat(assessment.enforcedPolicies()).isZero();
        for (CoverageCell cell : assessment.matrix().cells()) {
            assertThat(cell.status()).as("%s × %s", cell.step(), cell.control())
                    .isIn(CellStatus.MISSING, CellStatus.NOT_APPLICABLE);
            assertThat(cell.policies()).isEmpty();
        }
        assertThat(assessment.score().total()).isZero();
    }

    @Test
    void everyReplayIsGrantedForEveryPersona() {
        assertThat(assessment.replays()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.attacker().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(r.attacker().applied()).isEmpty();
        });
    }

    @Test
    void theFirstFindingSaysNothingIsEnforced() {
        assertThat(assessment.findings().get(0).check()).isEqualTo(Check.NO_ENFORCED_POLICY);
        assertThat(assessment.findings().get(0).detail()).contains("52 disabled");
        assertThat(assessment.findings()).extracting(Finding::check).contains(
                Check.LEGACY_AUTH_NOT_BLOCKED, Check.DEVICE_CODE_NOT_BLOCKED, Check.SECURITY_INFO_REGISTRATION_UNPROTECTED,
                Check.MFA_GAP, Check.COMPLIANT_DEVICE_MISSING, Check.USER_RISK_POLICY_MISSING);
    }

    @Test
    void breakGlassIsTheGroupExcludedFromEveryPolicyAndIsReportedAsAGuess() {
        // The groups CSV comes from another tenant (its break-glass id is referenced nowhere), so the most-excluded
        // object is used: ee2bdc01… is excluded by 51 of the 52 policies.
        assertThat(assessment.breakGlass().ids()).containsExactly("ee2bdc01-80c2-4e28-9882-858bcfa005bf");
        assertThat(assessment.breakGlass().source()).isEqualTo(BreakGlass.Source.MOST_EXCLUDED);
        assertThat(assessment.findings(Check.BREAK_GLASS_UNRESOLVED)).hasSize(1);
    }

    @Test
    void disabledPoliciesAreNeverCreditedEvenAsReportOnly() {
        assertThat(assessment.findings(Check.COMPLIANT_DEVICE_MISSING)).singleElement()
                .satisfies(f -> assertThat(f.policies()).isEmpty());
        assertThat(assessment.findings(Check.LONG_RUNNING_REPORT_ONLY)).isEmpty();
    }
}
