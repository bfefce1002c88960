package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.devicefilter.DeviceFilterRule;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.FilterRule;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.aitmdefense.posture.model.AuthenticationMethodMode.FIDO2;
import static io.aitmdefense.posture.model.AuthenticationMethodMode.MICROSOFT_AUTHENTICATOR_PUSH;
import static io.aitmdefense.posture.model.AuthenticationMethodMode.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator against the public policy sets, with outcomes checked by reading the policies by hand. */
class RealPolicySetEvaluationTest {

    static final Path DATA = Path.of("../shared/data/ca-policies");
    static final ConditionalAccessSnapshot BASELINE =
            new CaExportReader().read(DATA.resolve("j0eyv-ConditionalAccessBaseline/original")).snapshot();
    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    static final DirectoryUser USER = new DirectoryUser("u", "u@contoso.com", Set.of(), Set.of(), Optional.empty(), Optional.empty());
    static final DirectoryUser ADMIN = new DirectoryUser("a", "a@contoso.com", Set.of(), Set.of(GLOBAL_ADMIN),
            Optional.empty(), Optional.empty());

    static Stream<FilterRule> everyDeviceFilterInTheData() {
        return new CaExportReader().read(DATA).snapshot().policies().stream()
                .map(p -> p.conditions().devices().deviceFilter()).flatMap(Optional::stream);
    }

    @ParameterizedTest
    @MethodSource("everyDeviceFilterInTheData")
    void everyPublishedDeviceFilterParses(FilterRule rule) throws Exception {
        assertThat(DeviceFilterRule.parse(rule.rule()).comparisons()).isNotEmpty();
    }

    static SignInScenario exchangeFromNl(DirectoryUser u) {
        return SignInScenario.of(u, SignInTarget.apps(WellKnownApps.EXCHANGE_ONLINE)).withClientApp(ClientAppType.BROWSER)
                .withPlatform(Platform.WINDOWS).withCountry("NL").withDevice(DeviceInfo.unregistered())
                .withMethods(Set.of(PASSWORD, MICROSOFT_AUTHENTICATOR_PUSH));
    }

    @Test
    void baselineBlocksSignInsFromOutsideTheAllowedCountries() {
        Evaluation e = new CaEvaluator(BASELINE).evaluate(exchangeFromNl(USER).withCountry("US"));
        assertThat(e.enforced().outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(e.enforced().blockedBy()).containsExactly("CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist");
    }

    @Test
    void baselineBlocksDeviceCodeAndHighSignInRiskButGrantsPushFromHome() {
        CaEvaluator ev = new CaEvaluator(BASELINE);
        assertThat(ev.evaluate(exchangeFromNl(USER)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(ev.evaluate(exchangeFromNl(USER).withAuthenticationFlow(TransferMethod.DEVICE_CODE_FLOW)).enforced().blockedBy())
                .contains("CA004-Global-IdentityProtection-AnyApp-AnyPlatform-AuthenticationFlows");
        assertThat(ev.evaluate(exchangeFromNl(USER).withClientApp(ClientAppType.EXCHANGE_ACTIVE_SYNC)).enforced().blockedBy())
                .contains("CA002-Global-IdentityProtection-AnyApp-AnyPlatform-Block-LegacyAuthentication");
        assertThat(ev.evaluate(exchangeFromNl(USER).withMethods(Set.of(PASSWORD))).enforced().remainingRequirements())
                .extracting(Requirement::kind).containsExactly(RequirementKind.MFA);
    }

    @Test
    void baselineAdminIsOnlyAskedForPhishingResistantMfaInTheReportOnlyWorld() {
        Evaluation push = new CaEvaluator(BASELINE).evaluate(exchangeFromNl(ADMIN));
        assertThat(push.enforced().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(push.withReportOnly().pending()).extracting(PendingGrant::policyName)
                .containsExactly("CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA");
        Evaluation key = new CaEvaluator(BASELINE).evaluate(exchangeFromNl(ADMIN).withMethods(Set.of(FIDO2)));
        assertThat(key.withReportOnly().outcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void personaFrameworkExportIsAllDisabledSoNothingIsEnforced() {
        ConditionalAccessSnapshot s = new CaExportReader().read(DATA.resolve("philippkohn-CAZeroTrust/original")).snapshot();
        Evaluation e = new CaEvaluator(s).evaluate(exchangeFromNl(USER).withSignInRisk(RiskLevel.HIGH));
        assertThat(e.decisions()).hasSize(52).allSatisfy(d -> assertThat(d.applicability()).isEqualTo(Applicability.NOT_ENABLED));
        assertThat(e.enforced().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(e.withReportOnly().outcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void tokenProtectionTemplateOnlyCoversWindowsDesktopClientsAndOnlyAfterPromotion() {
        ConditionalAccessSnapshot s = new CaExportReader().read(DATA.resolve("AlexFilipin-ConditionalAccess/original")).snapshot();
        ConditionalAccessPolicy tp = s.policies().stream().filter(p -> p.sessionControls().tokenProtection()).findFirst().orElseThrow();
        CaEvaluator ev = new CaEvaluator(s);
        SignInScenario desktop = exchangeFromNl(USER).withClientApp(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)
                .withDevice(DeviceInfo.registered(TrustType.AZURE_AD, true)).withMethods(Set.of(FIDO2));
        PolicyDecision onDesktop = ev.decide(tp, desktop);
        assertThat(onDesktop.applies()).isTrue();
        // Alone, so the set's report-only Global Secure Access block does not hide its session control.
        Evaluation alone = new CaEvaluator(ConditionalAccessSnapshot.of(java.util.List.of(tp))).evaluate(desktop);
        assertThat(alone.withReportOnly().session().tokenProtection()).isTrue();
        assertThat(alone.enforced().session().tokenProtection()).isFalse();
        assertThat(ev.evaluate(desktop).withReportOnly().blockedBy())
                .containsExactly("800 - <RING> - Global Secure Access - All apps: Block Access outside of GSA Network");
        assertThat(ev.decide(tp, desktop.withClientApp(ClientAppType.BROWSER)).applies()).isFalse();
        assertThat(ev.decide(tp, desktop.withPlatform(Platform.MACOS)).applies()).isFalse();
    }
}
