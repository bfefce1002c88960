package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.TokenContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.detect.detections.DetectionHarness.sorted;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class TokenWithoutMfaDetectionTest {
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final CaResult REQUIRE_MFA = new CaResult("pol-1", "Require MFA for all users", "success", List.of("Mfa"), List.of());

    /** Three ordinary days: MFA sign-ins from the managed laptop at home. */
    static List<Event> usualDays(String user) {
        List<Event> days = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            days.add(signIn().user(user).at(String.format("2025-03-%02dT08:30:00Z", d)).ip("81.2.69.160").asn(7922).build());
        }
        return days;
    }

    /** The attacker's replayed cookie: no prompt, MFA from the token, an unregistered Linux box. */
    static SampleEvents.SignInBuilder replay(String at) {
        return signIn().at(at).ip("203.0.113.10").asn(14061).userAgent(FIREFOX_LINUX)
                .unmanagedDevice("Linux", "Firefox 128.0").satisfiedByToken().ca(REQUIRE_MFA).session("s-replay");
    }

    static List<Event> with(List<Event> history, Event... more) {
        List<Event> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void tokenSatisfiedMfaFromANewHostingNetworkAlerts() {
        List<Alert> alerts = run(with(usualDays("jane@contoso.example"), replay("2025-03-04T09:30:00Z").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("token-without-mfa");
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:30:00Z"));
        assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
        assertThat(a.infrastructure().sessionIds()).containsExactly("s-replay");
        assertThat(a.evidence()).hasSize(1);
    }

    @Test
    void explanationNamesNetworkPolicyWindowAndClient() {
        Alert a = run(with(usualDays("jane@contoso.example"), replay("2025-03-04T09:30:00Z").build())).get(0);

        assertThat(a.explanation()).startsWith("jane@contoso.example signed in interactively to OfficeHome at 2025-03-04T09:30:00Z")
                .contains("203.0.113.10 (AS14061 DigitalOcean, hosting)")
                .contains("not seen for this user in the previous 14 days")
                .contains("policy 'Require MFA for all users'")
                .contains("satisfied by a claim in the token")
                .contains("Firefox on Linux, unregistered device");
    }

    @Test
    void aResidentialNetworkNewForTheUserIsMedium() {
        List<Alert> alerts = run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").ip("198.51.100.20").asn(3215).build()));

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void aRegisteredDeviceNeverSeenBeforeIsNewEvenOnAKnownNetwork() {
        Device stranger = new Device("dev-9", "DESKTOP-8K2L1", "Windows 10", "Edge 132.0", "Azure AD registered", false, false);
        List<Alert> alerts = run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").ip("81.2.69.160").asn(7922).device(stranger).build()));

        assertThat(alerts).singleElement().satisfies(a ->
                assertThat(a.explanation()).contains("device dev-9 (DESKTOP-8K2L1)").contains("a device not seen"));
    }

    @Test
    void repeatedReplaysFromTheSameNewNetworkAlertOnce() {
        assertThat(run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").build(),
                replay("2025-03-04T09:31:00Z").build(),
                replay("2025-03-04T11:00:00Z").ip("203.0.113.77").build()))).hasSize(1);
    }

    @Test
    void withoutAnyHistoryNothingIsNew() {
        assertThat(run(List.of(replay("2025-03-04T09:30:00Z").build()))).isEmpty();
    }

    @Test
    void historyOlderThanTheWindowDoesNotMakeANetworkKnown() {
        List<Event> events = with(usualDays("jane@contoso.example"),
                signIn().at("2025-02-10T08:00:00Z").ip("198.51.100.20").asn(3215).build(),
                replay("2025-03-04T09:30:00Z").ip("198.51.100.21").asn(3215).build());
        assertThat(run(events)).hasSize(1);
        // within the window the same network is known
        events = with(usualDays("jane@contoso.example"),
                signIn().at("2025-02-25T08:00:00Z").ip("198.51.100.20").asn(3215).build(),
                replay("2025-03-04T09:30:00Z").ip("198.51.100.21").asn(3215).build());
        assertThat(run(events)).isEmpty();
    }

    @Test
    void theUsersOwnDeviceOnANewNetworkIsNotNew() {
        assertThat(run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").device(new Device("dev-1", "LAPTOP-JANE", "Windows 10", "Chrome 132.0.0",
                        "Hybrid Azure AD joined", true, true)).build()))).isEmpty();
    }

    @Test
    void aKnownNetworkIsNotNew() {
        assertThat(run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").ip("81.2.69.200").asn(7922).build()))).isEmpty();
    }

    @Test
    void anIpv6AddressWithoutAsnIsNotNewNextToTheUsersIpv4() {
        List<Event> history = new ArrayList<>();
        for (int d = 1; d <= 3; d++) history.add(signIn().at(String.format("2025-03-%02dT08:30:00Z", d)).ip("81.2.69.160").build());
        assertThat(run(with(history, replay("2025-03-04T09:30:00Z").ip("2001:db8:5::1").asn(0).build()))).isEmpty();
    }

    @Test
    void aTrustedLocationIsNotSuspicious() {
        assertThat(run(with(usualDays("jane@contoso.example"), replay("2025-03-04T09:30:00Z").ip("165.225.1.10").asn(62044)
                .namedLocation("Company-Zscaler Trusted Proxy IPs", true).build()))).isEmpty();
    }

    @Test
    void windowsSsoWithThePrimaryRefreshTokenOfAManagedDeviceIsNotSuspicious() {
        Device newLaptop = new Device("dev-7", "LAPTOP-JANE2", "Windows 10", "", "Azure AD joined", true, true);
        TokenContext prt = new TokenContext("primaryRefreshToken", "AzureAD", "none", "none", "bound", 0, false);
        assertThat(run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").device(newLaptop).tokenContext(prt).build()))).isEmpty();
        // the same new device presenting a refresh token instead is new
        assertThat(run(with(usualDays("jane@contoso.example"), replay("2025-03-04T09:30:00Z").device(newLaptop).build()))).hasSize(1);
    }

    @Test
    void nonInteractiveRefreshesAndRealMfaPromptsAreNotThisSignal() {
        assertThat(run(with(usualDays("jane@contoso.example"),
                replay("2025-03-04T09:30:00Z").nonInteractive().build(),
                signIn().at("2025-03-04T09:40:00Z").ip("198.51.100.20").asn(3215).unmanagedDevice("Linux", "Firefox 128.0").build())))
                .isEmpty();
    }

    @Test
    void aFirstFactorFromTheTokenWithoutAnyMfaRequirementIsNotThisSignal() {
        SignIn s = replay("2025-03-04T09:30:00Z").build();
        SignIn firstFactorOnly = new SignIn(s.time(), s.source(), s.tenantId(), s.id(), s.correlationId(), s.sessionId(),
                s.uniqueTokenId(), s.userId(), s.userPrincipalName(), s.userType(), s.category(), s.ip(), s.asn(),
                s.userAgent(), s.device(), s.geo(), s.namedLocations(), s.trustedLocation(), s.appId(), s.appName(),
                s.resourceId(), s.resourceName(), s.clientApp(), "singleFactorAuthentication", s.authSteps(), 0, "", "",
                "notApplied", List.of(), s.risk(), s.token());
        assertThat(firstFactorOnly.satisfiedByToken()).isTrue();
        assertThat(run(with(usualDays("jane@contoso.example"), firstFactorOnly))).isEmpty();
    }

    @Test
    void aUsersHistoryIsReleasedAfterTheHistoryWindow() {
        KeyedRuntime rt = DetectionHarness.of(new TokenWithoutMfaDetection(DetectConfig.defaults())).runtime(a -> { });
        usualDays("jane@contoso.example").forEach(rt::process);
        rt.advanceWatermark(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-20T00:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 13, 777, 4242, 20250304})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of("jane@contoso.example", "bob@contoso.example", "eve@contoso.example")) {
            events.addAll(usualDays(user));
            events.add(replay("2025-03-03T09:30:00Z").user(user).ip("198.51.100.20").asn(3215).build());
            events.add(replay("2025-03-04T09:30:00Z").user(user).build());
            events.add(replay("2025-03-04T10:30:00Z").user(user).build());
            events.add(replay("2025-03-04T11:00:00Z").user(user).ip("81.2.69.161").asn(7922).build());
        }
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(6); // per user: the café network on day 3 and the hosting network on day 4

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofHours(12), inOrder);
    }

    private static List<Alert> run(List<? extends Event> events) {
        return harness().run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new TokenWithoutMfaDetection(DetectConfig.defaults()));
    }
}
