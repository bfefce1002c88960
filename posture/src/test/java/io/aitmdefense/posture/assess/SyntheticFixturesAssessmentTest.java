package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shapes no public policy set contains: token protection scoped right and wrong, authentication contexts c1/c2 with
 * and without enforced policies, protected-action step-up, and break-glass handling. Fixtures live in
 * {@code posture/src/test/resources/assess}.
 */
class SyntheticFixturesAssessmentTest {

    static final Clock DEC_2026 = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    static PostureAssessment assess(String fixture, Set<String> protectedActionContexts) {
        CaReadResult read = new CaExportReader().read(Path.of("posture/src/test/resources/assess", fixture + ".json"));
        assertThat(read.errors()).isEmpty();
        return new PostureAssessor().assess(read.snapshot(), new PostureAssessor.Options(Set.of(), protectedActionContexts, DEC_2026));
    }

    static PostureAssessment assess(String fixture) {
        return assess(fixture, Set.of());
    }

    static ReplayResult.Variant variant(ReplayResult r, Platform platform, ClientAppType client) {
        return r.variants().stream().filter(v -> v.platform() == platform && v.client() == client).findFirst().orElseThrow();
    }

    @Test
    void wellScopedTokenProtectionStopsTheWindowsDesktopReplayButNotTheBrowserCookie() {
        PostureAssessment a = assess("token-protection-scoped-right");
        ReplayResult exchange = a.replay(Persona.ALL_USERS, Target.EXCHANGE_ONLINE);

        Verdict desktop = variant(exchange, Platform.WINDOWS, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS).verdict();
        assertThat(desktop.outcome()).isEqualTo(Outcome.UNMEETABLE);
        assertThat(desktop.deciding()).singleElement().satisfies(p -> {
            assertThat(p.policy()).isEqualTo("Token protection for Exchange and SharePoint on Windows");
            assertThat(p.reason()).contains("not bound to this device");
        });
        assertThat(variant(exchange, Platform.WINDOWS, ClientAppType.BROWSER).verdict().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(exchange.legitimate().outcome()).isEqualTo(Outcome.GRANTED);

        CoverageCell cell = a.matrix().cell(KillChainStep.REPLAY, Control.TOKEN_PROTECTION);
        assertThat(cell.status()).isEqualTo(CellStatus.ENFORCED);
        assertThat(cell.uncovered()).contains("browser", "linux");
        assertThat(a.score().level(Control.TOKEN_PROTECTION)).isEqualTo(ControlScore.Level.PARTIAL);
        assertThat(a.findings(Check.TOKEN_PROTECTION_MISSCOPED)).isEmpty();
        assertThat(a.findings(Check.TOKEN_PROTECTION_MISSING)).isEmpty();
        assertThat(a.findings(Check.REPLAY_REACHES_TARGET)).isNotEmpty();
    }

    @Test
    void tokenProtectionOnAllResourcesAndBrowsersIsReportedAndLocksOutTheRealUser() {
        PostureAssessment a = assess("token-protection-scoped-wrong");

        assertThat(a.findings(Check.TOKEN_PROTECTION_MISSCOPED)).extracting(Finding::detail).containsExactlyInAnyOrder(
                "Token protection for everything targets All resources, includes browsers, platforms are not limited to windows.",
                "Token protection for Office 365 in browsers targets the Office365 group, includes browsers, platforms are "
                        + "not limited to windows.");
        ReplayResult portal = a.replay(Persona.ALL_USERS, Target.ADMIN_PORTALS);
        assertThat(portal.legitimate().outcome()).isEqualTo(Outcome.UNMEETABLE);
        assertThat(portal.legitimate().deciding()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("cannot be satisfied"));
        // Only the Windows desktop cells it can enforce count as replay protection.
        assertThat(a.matrix().cell(KillChainStep.REPLAY, Control.TOKEN_PROTECTION).uncovered())
                .contains("browser", "linux", "admin portals");
    }

    @Test
    void authContextWithEnforcedPhishingResistantEveryTimePolicyGuardsCaManagement() {
        PostureAssessment a = assess("auth-contexts");
        ReplayResult ca = a.replay(Persona.ADMINS, Target.CA_MANAGEMENT);

        assertThat(a.replay(Persona.ADMINS, Target.ADMIN_PORTALS).attacker().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(ca.attacker().outcome()).isEqualTo(Outcome.UNMEETABLE);
        assertThat(ca.attacker().decidingPolicies()).containsExactly("Step-up c1: phishing-resistant, every time");
        assertThat(ca.legitimate().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(ca.note()).get().asString().contains("assumes", "c1");

        CoverageCell pa = a.matrix().cell(KillChainStep.CA_TAMPERING, Control.PROTECTED_ACTIONS);
        assertThat(pa.status()).isEqualTo(CellStatus.ENFORCED);
        assertThat(pa.policies()).containsExactly("Step-up c1: phishing-resistant, every time");
        assertThat(a.findings(Check.PROTECTED_ACTIONS_MISSING)).isEmpty();
    }

    @Test
    void contextDefinedButTargetedOnlyInReportOnlyIsAFinding() {
        PostureAssessment a = assess("auth-contexts");

        assertThat(a.findings(Check.AUTH_CONTEXT_UNTARGETED)).singleElement().satisfies(f -> {
            assertThat(f.detail()).startsWith("Authentication context c2 ('Sensitive SharePoint sites') has no enabled policy.");
            assertThat(f.policies()).containsExactly("Step-up c2: phishing-resistant (report-only)");
        });
        assertThat(a.findings(Check.AUTH_CONTEXT_POLICY_WEAK)).singleElement().satisfies(f -> {
            assertThat(f.policies()).containsExactly("Step-up c3: plain MFA");
            assertThat(f.detail()).contains("phishing-resistant strength", "every time");
        });
    }

    @Test
    void knownProtectedActionContextWithoutEnforcedPolicyLetsTheReplayChangeConditionalAccess() {
        PostureAssessment a = assess("auth-contexts", Set.of("c2"));
        ReplayResult ca = a.replay(Persona.ADMINS, Target.CA_MANAGEMENT);

        assertThat(ca.attacker().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(ca.attacker().reportOnlyWouldStop()).extracting(Verdict.PolicyReason::policy)
                .containsExactly("Step-up c2: phishing-resistant (report-only)");
        assertThat(a.findings(Check.REPLAY_REACHES_TARGET)).anySatisfy(f ->
                assertThat(f.detail()).startsWith("A replayed session of admins").contains("CA-policy management"));
    }

    @Test
    void dedicatedPhishingResistantPolicyProtectsBreakGlassAndStopsItsReplay() {
        PostureAssessment a = assess("auth-contexts");

        assertThat(a.findings(Check.BREAK_GLASS_UNPROTECTED)).isEmpty();
        assertThat(a.findings(Check.BREAK_GLASS_NOT_EXCLUDED)).isEmpty();
        assertThat(a.replay(Persona.BREAK_GLASS, Target.AZURE_MANAGEMENT).attacker().decidingPolicies())
                .containsExactly("Break-glass: phishing-resistant MFA");
    }

    @Test
    void breakGlassUserCaughtByADeviceRequirementIsAHighFinding() {
        PostureAssessment a = assess("break-glass");

        assertThat(a.breakGlass().source()).isEqualTo(BreakGlass.Source.CONFIGURED);
        assertThat(a.breakGlass().ids()).containsExactly("0b9a1a6e-0000-4000-8000-00000000b002");
        assertThat(a.findings(Check.BREAK_GLASS_NOT_EXCLUDED)).singleElement().satisfies(f -> {
            assertThat(f.policies()).containsExactly("Require compliant device");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(a.findings(Check.BREAK_GLASS_UNPROTECTED)).hasSize(1);
    }

    @Test
    void everyTimeEverywhereCombinedRiskAndStaleReportOnlyAreFindings() {
        PostureAssessment a = assess("break-glass");

        assertThat(a.findings(Check.EVERY_TIME_FREQUENCY_UNSCOPED)).singleElement()
                .satisfies(f -> assertThat(f.policies()).containsExactly("MFA every time everywhere"));
        assertThat(a.findings(Check.RISK_CONDITIONS_COMBINED)).singleElement()
                .satisfies(f -> assertThat(f.policies()).containsExactly("Block risky users and sign-ins"));
        // Combined conditions only apply when both risks are high at once, so neither risk on its own is handled.
        assertThat(a.findings(Check.SIGN_IN_RISK_POLICY_MISSING)).hasSize(1);
        assertThat(a.findings(Check.LONG_RUNNING_REPORT_ONLY)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("Block device code flow", "90 days"));
    }

    @Test
    void deviceCodeCannotSatisfyACompliantDeviceGrantSoItIsNotReportedOpen() {
        // The device-code block is only report-only, but "Require compliant device" applies to every sign-in and the
        // device-code flow cannot present a device.
        assertThat(assess("break-glass").findings(Check.DEVICE_CODE_NOT_BLOCKED)).isEmpty();
        assertThat(assess("auth-contexts").findings(Check.DEVICE_CODE_NOT_BLOCKED)).hasSize(1);
    }
}
