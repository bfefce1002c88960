package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.TokenContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.aitmdefense.detect.detections.DetectionHarness.sorted;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class TokenProtectionFailureDetectionTest {
    static final String OUTLOOK_DESKTOP = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)";
    static final CaResult ENFORCED = new CaResult("pol-tp", "Require token protection for EXO and SPO desktop apps",
            "failure", List.of(), List.of("SignInTokenProtection"));
    static final CaResult REPORT_ONLY = new CaResult("pol-tp-ro", "Token protection (report-only)",
            "reportOnlyFailure", List.of(), List.of("SignInTokenProtection"));
    static final TokenContext UNBOUND_NO_WAM = new TokenContext("refreshToken", "AzureAD", "none", "oAuth2", "unbound", 1008, false);

    /** Outlook desktop on Windows asking Exchange for a token, presented without its device binding. */
    static SampleEvents.SignInBuilder outlookWithoutBinding(String at) {
        return signIn().at(at).nonInteractive().ip("198.51.100.20").asn(3215)
                .app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office")
                .resource("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online")
                .clientApp("Mobile Apps and Desktop clients").userAgent(OUTLOOK_DESKTOP)
                .unmanagedDevice("Windows10", "").tokenContext(UNBOUND_NO_WAM).ca(ENFORCED)
                .failed(53003, "Access has been blocked by Conditional Access policies");
    }

    @Test
    void anEnforcedFailureOnOutlookDesktopAlerts() {
        List<Alert> alerts = run(List.of(outlookWithoutBinding("2025-03-04T09:00:00Z").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("token-protection-failure");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.infrastructure().ips()).containsExactly("198.51.100.20");
        assertThat(a.evidence()).singleElement().satisfies(e -> assertThat(e.summary()).contains("enforced").contains("code 1008"));
    }

    @Test
    void explanationNamesPolicyAppNetworkAndWhatTheCodeMeans() {
        Alert a = run(List.of(outlookWithoutBinding("2025-03-04T09:00:00Z").build())).get(0);

        assertThat(a.explanation()).startsWith("1 sign-in of jane@contoso.example to Microsoft Office → Office 365 Exchange Online on Windows")
                .contains("'Require token protection for EXO and SPO desktop apps' (enforced, sign-in blocked)")
                .contains("from 198.51.100.20 (AS3215)")
                .contains("unbound, code 1008 — the client did not use the Windows broker (WAM)");
    }

    @Test
    void statusCodesAreExplained() {
        assertThat(TokenProtectionFailureDetection.codeMeaning(1002)).contains("no device state");
        assertThat(TokenProtectionFailureDetection.codeMeaning(1006)).contains("operating system is not supported");
        assertThat(TokenProtectionFailureDetection.codeMeaning(-1)).contains("no binding status");
    }

    @Test
    void aReportOnlyFailureCountsUnlessTheConfigurationExcludesIt() {
        Event reportOnly = signIn().at("2025-03-04T09:00:00Z").nonInteractive().ip("198.51.100.20").asn(3215)
                .app("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams").clientApp("Mobile Apps and Desktop clients")
                .userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.4472 "
                        + "Chrome/85.0.4183.121 Electron/10.4.7 Safari/537.36")
                .tokenContext(new TokenContext("refreshToken", "AzureAD", "none", "oAuth2", "unbound", 1002, false))
                .ca(REPORT_ONLY).build();
        assertThat(run(List.of(reportOnly))).singleElement().satisfies(a ->
                assertThat(a.explanation()).contains("(report-only)").contains("code 1002 — no device state"));
        DetectConfig enforcedOnly = DetectConfig.of(Map.of("detections",
                Map.of("token-protection-failure", Map.of("includeReportOnly", false))));
        assertThat(run(List.of(reportOnly), enforcedOnly)).isEmpty();
    }

    @Test
    void fromAHostingNetworkItIsHigh() {
        assertThat(run(List.of(outlookWithoutBinding("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061).build())))
                .singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void browsersOtherPlatformsAndUnsupportedAppsAreNoise() {
        assertThat(run(List.of(
                outlookWithoutBinding("2025-03-04T09:00:00Z").clientApp("Browser").userAgent(
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36")
                        .app("4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome").build(),
                outlookWithoutBinding("2025-03-04T09:10:00Z").unmanagedDevice("MacOs", "")
                        .userAgent("Microsoft Office/16.0 (Macintosh; Mac OS X 14.4; Microsoft Outlook 16.83)").build(),
                outlookWithoutBinding("2025-03-04T09:20:00Z").app("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal")
                        .userAgent("").build()))).isEmpty();
    }

    @Test
    void aTrustedNetworkIsARolloutQuestionNotAnAttack() {
        assertThat(run(List.of(outlookWithoutBinding("2025-03-04T09:00:00Z").namedLocation("HQ egress", true).build()))).isEmpty();
    }

    @Test
    void aSatisfiedTokenProtectionPolicyIsNotAFailure() {
        assertThat(run(List.of(signIn().at("2025-03-04T09:00:00Z").app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office")
                .clientApp("Mobile Apps and Desktop clients").userAgent(OUTLOOK_DESKTOP)
                .ca(new CaResult("pol-tp", "Require token protection", "success", List.of(), List.of("SignInTokenProtection")))
                .build()))).isEmpty();
    }

    @Test
    void failuresOfADayAreOneAlertAndTheNextDayAnother() {
        List<Alert> alerts = run(List.of(
                outlookWithoutBinding("2025-03-04T09:00:00Z").build(),
                outlookWithoutBinding("2025-03-04T09:30:00Z").build(),
                outlookWithoutBinding("2025-03-04T15:00:00Z").build(),
                outlookWithoutBinding("2025-03-05T10:00:00Z").build()));

        assertThat(alerts).extracting(Alert::start).containsExactly(
                Instant.parse("2025-03-04T09:00:00Z"), Instant.parse("2025-03-05T10:00:00Z"));
        assertThat(alerts.get(0).evidence()).hasSize(2);
        assertThat(alerts.get(0).explanation()).startsWith("2 sign-ins");
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 29, 314, 16180, 7777777})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of("jane@contoso.example", "bob@contoso.example")) {
            for (int d = 4; d <= 5; d++) {
                for (int h = 8; h <= 17; h += 3) {
                    events.add(outlookWithoutBinding(String.format("2025-03-%02dT%02d:15:00Z", d, h)).user(user).build());
                    events.add(signIn().user(user).at(String.format("2025-03-%02dT%02d:20:00Z", d, h)).build());
                }
            }
        }
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(4);

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofHours(8), inOrder);
    }

    private static List<Alert> run(List<? extends Event> events) {
        return run(events, DetectConfig.defaults());
    }

    private static List<Alert> run(List<? extends Event> events, DetectConfig config) {
        return DetectionHarness.of(new TokenProtectionFailureDetection(config)).run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new TokenProtectionFailureDetection(DetectConfig.defaults()));
    }
}
