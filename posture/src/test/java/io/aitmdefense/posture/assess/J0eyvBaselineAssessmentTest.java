package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * j0eyv/ConditionalAccessBaseline, the real beta export (UTF-16, annotations): a mature persona baseline whose
 * internals are protected by a compliant-device grant on Windows and an unknown-platform block, with phishing-resistant
 * MFA for admins still report-only. What a CA reviewer writes by hand about it is asserted here.
 */
class J0eyvBaselineAssessmentTest {

    static final Path EXPORT = Path.of("../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original");
    static final Clock DEC_2026 = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    static final String BREAK_GLASS_GROUP = "2802b872-ccfb-4b29-a9a9-459808dfb11b";

    static PostureAssessment assessment;

    @BeforeAll
    static void assess() {
        ConditionalAccessSnapshot snapshot = new CaExportReader().read(EXPORT).snapshot();
        assessment = new PostureAssessor().assess(snapshot, new PostureAssessor.Options(Set.of(), Set.of(), DEC_2026));
    }

    @Test
    void compliantDeviceBreaksReplayOnWindowsButNotForGuestsOrLinux() {
        CoverageCell cell = assessment.matrix().cell(KillChainStep.REPLAY, Control.COMPLIANT_DEVICE);

        assertThat(cell.status()).isEqualTo(CellStatus.ENFORCED);
        assertThat(cell.policies()).containsExactly("CA205-Internals-BaseProtection-AnyApp-Windows-CompliantorAADHJ");
        assertThat(cell.personas()).containsExactlyInAnyOrder(Persona.ALL_USERS, Persona.ADMINS);
        assertThat(cell.uncovered()).contains("guests", "linux");
    }

    @Test
    void cookieCaptureIsBrokenByTheWindowsAndMacCompliancePolicies() {
        CoverageCell cell = assessment.matrix().cell(KillChainStep.COOKIE_THEFT, Control.COMPLIANT_DEVICE);

        assertThat(cell.policies()).containsExactlyInAnyOrder(
                "CA205-Internals-BaseProtection-AnyApp-Windows-CompliantorAADHJ",
                "CA208-Internals-BaseProtection-AnyApp-MacOS-Compliant");
        assertThat(cell.uncovered()).contains("android", "iOS", "linux", "guests");
    }

    @Test
    void phishingResistantMfaIsOnlyReportOnlyAndSoBreaksNothing() {
        CoverageCell cell = assessment.matrix().cell(KillChainStep.CREDENTIAL_CAPTURE, Control.PHISHING_RESISTANT_MFA);

        assertThat(cell.status()).isEqualTo(CellStatus.REPORT_ONLY);
        assertThat(cell.policies()).containsExactly("CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA");
        assertThat(assessment.score().level(Control.PHISHING_RESISTANT_MFA)).isEqualTo(ControlScore.Level.REPORT_ONLY);
    }

    @Test
    void caeStrictLocationCountsOnlyForThePolicyThatTargetsResources() {
        // CA104 sets strictLocation for admins but targets "None" resources, so it never applies; CA209 does.
        CoverageCell cell = assessment.matrix().cell(KillChainStep.REPLAY, Control.CAE);

        assertThat(cell.status()).isEqualTo(CellStatus.ENFORCED);
        assertThat(cell.policies()).containsExactly("CA209-Internals-IdentityProtection-AllApps-AnyPlatform-ContinuousAccessEvaluation");
        assertThat(assessment.findings(Check.INERT_POLICY)).singleElement().satisfies(f -> assertThat(f.policies())
                .containsExactly("CA104-Admins-IdentityProtection-AllApps-AnyPlatform-ContinuousAccessEvaluation"));
    }

    @Test
    void riskStepUpBlocksOnlyHighRisk() {
        CoverageCell cell = assessment.matrix().cell(KillChainStep.REPLAY, Control.RISK_STEP_UP);

        assertThat(cell.policies()).containsExactlyInAnyOrder(
                "CA201-Internals-IdentityProtection-AnyApp-AnyPlatform-BLOCK-HighRiskUser",
                "CA210-Internals-IdentityProtection-AnyApp-AnyPlatform-BLOCK-HighRiskSignIn");
        assertThat(cell.note()).contains("high risk only");
        assertThat(assessment.findings(Check.SIGN_IN_RISK_POLICY_MISSING)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void noTokenProtectionNoAuthContextAndNothingGuardsMfaRegistration() {
        assertThat(assessment.matrix().cell(KillChainStep.REPLAY, Control.TOKEN_PROTECTION).status())
                .isEqualTo(CellStatus.MISSING);
        assertThat(assessment.matrix().cell(KillChainStep.CA_TAMPERING, Control.PROTECTED_ACTIONS).status())
                .isEqualTo(CellStatus.MISSING);
        for (Control c : Control.values()) {
            CellStatus s = assessment.matrix().cell(KillChainStep.MFA_REGISTRATION, c).status();
            assertThat(s).isIn(CellStatus.MISSING, CellStatus.NOT_APPLICABLE);
        }
    }

    @Test
    void replayedUserCookieIsBlockedByCountryAllowListAndUnknownPlatformBlock() {
        ReplayResult r = assessment.replay(Persona.ALL_USERS, Target.EXCHANGE_ONLINE);

        assertThat(r.attacker().outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.attacker().decidingPolicies()).containsExactly(
                "CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist",
                "CA204-Internals-AttackSurfaceReduction-AllApps-AnyPlatform-BlockUnknownPlatforms");
        assertThat(r.legitimate().outcome()).isEqualTo(Outcome.GRANTED);
        // From a host in Belgium the Windows replay still needs a compliant or hybrid-joined device.
        assertThat(r.fromAllowedCountry()).get().extracting(v -> v.outcome()).isEqualTo(Outcome.UNMEETABLE);
        assertThat(r.fromAllowedCountry().get().decidingPolicies())
                .contains("CA205-Internals-BaseProtection-AnyApp-Windows-CompliantorAADHJ");
    }

    @Test
    void windowsReplayOfAnAdminNeedsADeviceTheAttackerDoesNotHave() {
        ReplayResult r = assessment.replay(Persona.ADMINS, Target.AZURE_MANAGEMENT);

        ReplayResult.Variant windows = r.variants().stream()
                .filter(v -> v.platform() == Platform.WINDOWS && v.client() == ClientAppType.BROWSER).findFirst().orElseThrow();
        assertThat(windows.verdict().outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.attackerGetsIn()).isFalse();
    }

    @Test
    void guestReplayIsStoppedOnlyByTheCountryAllowList() {
        ReplayResult r = assessment.replay(Persona.GUESTS, Target.EXCHANGE_ONLINE);

        assertThat(r.stoppedOnlyByLocation()).isTrue();
        assertThat(r.attacker().decidingPolicies())
                .containsExactly("CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist");
        assertThat(assessment.findings(Check.REPLAY_REACHES_TARGET)).singleElement().satisfies(f -> {
            assertThat(f.detail()).startsWith("A replayed session of guests is granted: Exchange Online");
            assertThat(f.policies()).contains("CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist");
        });
    }

    @Test
    void breakGlassGroupIsFoundByNameAndIsMissingFromTheBrowserSessionPolicy() {
        assertThat(assessment.breakGlass().ids()).containsExactly(BREAK_GLASS_GROUP);
        assertThat(assessment.breakGlass().source()).isEqualTo(BreakGlass.Source.GROUP_NAME);
        assertThat(assessment.findings(Check.BREAK_GLASS_UNRESOLVED)).hasSize(1);
        // CA006 excludes only its own exclusion group; every other policy excludes the break-glass group.
        assertThat(assessment.findings(Check.BREAK_GLASS_NOT_EXCLUDED)).singleElement().satisfies(f -> {
            assertThat(f.policies()).containsExactly(
                    "CA006-Global-DataProtection-Office365-AnyPlatform-Browser-Unmanaged-AppEnforceRestrictions");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
        assertThat(assessment.findings(Check.BREAK_GLASS_UNPROTECTED)).hasSize(1);
    }

    @Test
    void findingsAreThoseAReviewerWouldWrite() {
        assertThat(assessment.findings(Check.ADMIN_PHISHING_RESISTANT_MFA_MISSING)).singleElement()
                .satisfies(f -> assertThat(f.policies())
                        .containsExactly("CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA"));
        assertThat(assessment.findings(Check.PROTECTED_ACTIONS_MISSING)).hasSize(1);
        assertThat(assessment.findings(Check.SECURITY_INFO_REGISTRATION_UNPROTECTED)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("all users", "admins"));
        assertThat(assessment.findings(Check.LONG_RUNNING_REPORT_ONLY)).extracting(f -> f.policies().get(0))
                .contains("CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA");
        // CA002 blocks legacy authentication, CA004 device code, CA000/CA400 require MFA everywhere.
        assertThat(assessment.findings()).extracting(Finding::check).doesNotContain(
                Check.NO_ENFORCED_POLICY, Check.LEGACY_AUTH_NOT_BLOCKED, Check.DEVICE_CODE_NOT_BLOCKED, Check.MFA_GAP,
                Check.COMPLIANT_DEVICE_MISSING, Check.TOKEN_PROTECTION_MISSCOPED);
        assertThat(assessment.hasFindingsAtLeast(Severity.HIGH)).isTrue();
    }

    @Test
    void configuredBreakGlassReplacesTheGuess() {
        ConditionalAccessSnapshot snapshot = new CaExportReader().read(EXPORT).snapshot();
        PostureAssessment configured = new PostureAssessor().assess(snapshot,
                new PostureAssessor.Options(Set.of(BREAK_GLASS_GROUP), Set.of(), DEC_2026));

        assertThat(configured.breakGlass().source()).isEqualTo(BreakGlass.Source.CONFIGURED);
        assertThat(configured.findings(Check.BREAK_GLASS_UNRESOLVED)).isEmpty();
    }
}
