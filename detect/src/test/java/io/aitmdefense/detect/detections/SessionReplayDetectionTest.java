package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.detect.enrich.TenantContext;
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
import java.util.Set;

import static io.aitmdefense.detect.detections.DetectionHarness.sorted;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class SessionReplayDetectionTest {
    static final String CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String OUTLOOK_IOS = "Outlook-iOS/2.0";
    static final String SESSION = "0b7c5d2e-1111-4a2b-9c3d-aaaaaaaaaaaa";

    /** The victim's browser, relayed by an AiTM proxy on DigitalOcean: Entra sees the proxy's IP and the victim's agent. */
    static SampleEvents.SignInBuilder victimViaProxy(String at) {
        return signIn().at(at).session(SESSION).ip("203.0.113.10").asn(14061)
                .userAgent(CHROME_WIN).unmanagedDevice("Windows 10", "Chrome 132.0.0");
    }

    /** The attacker replaying the stolen cookie from a Hetzner box with their own browser. */
    static SampleEvents.SignInBuilder attackerReplay(String at) {
        return signIn().at(at).session(SESSION).ip("198.51.100.20").asn(24940)
                .userAgent(FIREFOX_LINUX).unmanagedDevice("Linux", "Firefox 128.0").satisfiedByToken();
    }

    @Test
    void sessionFromProxyThenAttackerBoxWithAnotherBrowserIsReplay() {
        List<Alert> alerts = run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").build(),
                attackerReplay("2025-03-04T09:07:00Z").nonInteractive()
                        .resource("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("session-replay");
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.stage()).isEqualTo(KillChainStage.REPLAY);
        assertThat(a.techniques()).containsExactly("T1539", "T1078.004");
        assertThat(a.user()).isEqualTo("jane@contoso.example");
        assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
        assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:07:00Z"));
        assertThat(a.confidence()).isGreaterThan(0.85).isLessThanOrEqualTo(1.0);
        assertThat(a.infrastructure().sessionIds()).containsExactly(SESSION);
        assertThat(a.infrastructure().ips()).containsExactlyInAnyOrder("203.0.113.10", "198.51.100.20");
        assertThat(a.infrastructure().asns()).containsExactlyInAnyOrder(14061, 24940);
        assertThat(a.infrastructure().userAgents()).contains(FIREFOX_LINUX);
        assertThat(a.evidence()).hasSize(3);
    }

    @Test
    void explanationNamesSessionNetworksOwnersClientsAndDelay() {
        Alert a = run(List.of(victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").build())).get(0);

        assertThat(a.explanation())
                .contains(SESSION)
                .contains("203.0.113.10 (AS14061 DigitalOcean, hosting)")
                .contains("198.51.100.20 (AS24940 Hetzner Online, hosting)")
                .contains("Chrome on Windows").contains("Firefox on Linux")
                .contains("OfficeHome")
                .contains("6 min later").contains("2025-03-04T09:06:00Z");
        assertThat(a.evidence()).extracting(e -> e.summary())
                .anySatisfy(s -> assertThat(s).contains("first use of the session").contains("203.0.113.10"))
                .anySatisfy(s -> assertThat(s).contains("the replaying network and client").contains(FIREFOX_LINUX));
    }

    @Test
    void aBackgroundRowFromTheReplayingAddressIsEvidenceEvenWithAnotherAgent() {
        Alert a = run(List.of(victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").build(),
                attackerReplay("2025-03-04T09:08:00Z").nonInteractive().userAgent("python-requests/2.31.0")
                        .unmanagedDevice("", "").build())).get(0);

        assertThat(a.evidence()).hasSize(3);
        assertThat(a.infrastructure().userAgents()).contains("python-requests/2.31.0");
        assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:08:00Z"));
    }

    @Test
    void withoutAsnsADifferentSlash16CountsAsAnotherNetwork() {
        List<Alert> alerts = run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").asn(0).build(),
                attackerReplay("2025-03-04T09:10:00Z").asn(0).build()));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).infrastructure().asns()).isEmpty();
    }

    @Test
    void mailboxActivityCarryingTheSessionIdIsAUseOfTheSession() {
        List<Alert> alerts = run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").asn(0).build(),
                SampleEvents.office("MailItemsAccessed").at("2025-03-04T09:12:00Z").recordType(50)
                        .ip("198.51.100.20").session(SESSION)
                        .clientInfo("Client=OWA;" + FIREFOX_LINUX + ";").build()));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).explanation()).contains("Exchange MailItemsAccessed").contains("Firefox on Linux");
    }

    @Test
    void aTokenIdJoinsARowWithoutSessionIdToItsSession() {
        List<Alert> alerts = run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").session("").token("aEQ2qLOsqkS86zz3OHIeAA").build(),
                SampleEvents.office("MailItemsAccessed").at("2025-03-04T09:12:00Z").recordType(50)
                        .ip("198.51.100.20").token("aEQ2qLOsqkS86zz3OHIeAA")
                        .clientInfo("Client=OWA;" + FIREFOX_LINUX + ";").build()));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).infrastructure().sessionIds()).containsExactly("aEQ2qLOsqkS86zz3OHIeAA");
        assertThat(alerts.get(0).explanation()).startsWith("token aEQ2qLOsqkS86zz3OHIeAA");
    }

    @Test
    void aLongReplayOfOneSessionGivesOneAlertWithAllItsUses() {
        List<Event> events = new ArrayList<>();
        events.add(victimViaProxy("2025-03-04T09:00:00Z").build());
        for (int i = 0; i < 12; i++) {
            events.add(attackerReplay(Instant.parse("2025-03-04T09:05:00Z").plusSeconds(i * 600L).toString())
                    .nonInteractive().build());
        }
        List<Alert> alerts = run(events);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).evidence()).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void twoReplayedSessionsGiveTwoAlerts() {
        List<Alert> alerts = run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").build(),
                victimViaProxy("2025-03-04T09:20:00Z").session("second-session").build(),
                attackerReplay("2025-03-04T09:25:00Z").session("second-session").build()));

        assertThat(alerts).extracting(a -> a.infrastructure().sessionIds().get(0))
                .containsExactlyInAnyOrder(SESSION, "second-session");
    }

    @Test
    void sameClientOnANewNetworkIsATravellerNotAReplay() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                victimViaProxy("2025-03-04T09:20:00Z").ip("198.51.100.20").asn(24940).build()))).isEmpty();
    }

    @Test
    void theSameRegisteredDeviceWithAnotherAppIsNotAReplay() {
        Device laptop = new Device("dev-1", "LAPTOP-JANE", "Windows 10", "", "Hybrid Azure AD joined", true, true);
        assertThat(run(List.of(
                signIn().at("2025-03-04T09:00:00Z").session(SESSION).ip("203.0.113.10").asn(7922).device(laptop).build(),
                signIn().at("2025-03-04T09:20:00Z").session(SESSION).ip("198.51.100.20").asn(3320).device(laptop)
                        .userAgent("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)")
                        .nonInteractive().build()))).isEmpty();
    }

    @Test
    void aHopInsideOneMobileCarrierIsNotAnotherNetwork() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").ip("172.56.10.1").asn(21928).build(),
                attackerReplay("2025-03-04T09:06:00Z").ip("172.58.99.7").asn(21928).build()))).isEmpty();
    }

    @Test
    void ipv4AndIpv6OfOneIspAreNotTwoNetworks() {
        // same ASN on both stacks
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(7922).build(),
                attackerReplay("2025-03-04T09:06:00Z").ip("2001:db8:1::5").asn(7922).build()))).isEmpty();
        // and without ASNs a v4 ↔ v6 switch cannot be judged: not evidence on its own
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(0).build(),
                attackerReplay("2025-03-04T09:06:00Z").ip("2001:db8:1::5").asn(0).build()))).isEmpty();
    }

    @Test
    void aTrustedNamedLocationOnEitherSideIsNotEvidence() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").ip("165.225.1.10").asn(62044)
                        .namedLocation("Company-Zscaler Trusted Proxy IPs", true).build(),
                attackerReplay("2025-03-04T09:06:00Z").ip("81.2.69.160").asn(7922).build()))).isEmpty();
    }

    @Test
    void aTenantAllowListedRangeIsNotEvidence() {
        TenantContext tenant = new TenantContext(List.of("198.51.100.0/24"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(run(List.of(victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").build()), tenant)).isEmpty();
    }

    @Test
    void microsoftInfrastructureActingForTheUserIsNotEvidence() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").ip("40.126.1.1").asn(8075).build()))).isEmpty();
    }

    @Test
    void twoNetworksAtTheSameInstantAreMicrosoftsFrontEndNotAReplay() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:00:00Z").nonInteractive().build()))).isEmpty();
    }

    @Test
    void aNonInteractiveRowRepeatingTheInteractiveIpIsNotEvidenceOfWhereItsClientWas() {
        // the user signs in at home, continues from a café with the same browser; a background row from the phone
        // shows the home IP that it may only have inherited from the interactive sign-in
        assertThat(run(List.of(
                signIn().at("2025-03-04T09:00:00Z").session(SESSION).ip("81.2.69.160").asn(7922)
                        .userAgent(CHROME_WIN).unmanagedDevice("Windows 10", "Chrome 132.0.0").build(),
                signIn().at("2025-03-04T09:30:00Z").session(SESSION).ip("198.51.100.20").asn(3215).nonInteractive()
                        .userAgent(CHROME_WIN).unmanagedDevice("Windows 10", "Chrome 132.0.0").build(),
                signIn().at("2025-03-04T09:31:00Z").session(SESSION).ip("81.2.69.160").asn(7922).nonInteractive()
                        .userAgent(OUTLOOK_IOS).unmanagedDevice("Ios", "").build()))).isEmpty();
    }

    @Test
    void aSessionHandedToThePhoneByAuthenticationTransferIsNotAReplay() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").asn(7922).build(),
                signIn().at("2025-03-04T09:05:00Z").session(SESSION).ip("172.56.10.1").asn(21928)
                        .userAgent(OUTLOOK_IOS).unmanagedDevice("Ios", "")
                        .tokenContext(new TokenContext("none", "AzureAD", "authenticationTransfer", "none", "unbound", 1002, false))
                        .build()))).isEmpty();
    }

    @Test
    void usesFurtherApartThanTheWindowAreNotPaired() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T10:30:00Z").build()))).isEmpty();
    }

    @Test
    void failedSignInsAndWorkloadIdentitiesAreNotUses() {
        assertThat(run(List.of(
                victimViaProxy("2025-03-04T09:00:00Z").build(),
                attackerReplay("2025-03-04T09:06:00Z").failed(50126, "Invalid username or password").build(),
                attackerReplay("2025-03-04T09:07:00Z").category(SignIn.Category.SERVICE_PRINCIPAL).build()))).isEmpty();
    }

    @Test
    void aSessionsStateIsReleasedOnceItsWindowsHavePassed() {
        KeyedRuntime rt = DetectionHarness.of(detection()).runtime(a -> { });
        rt.process(victimViaProxy("2025-03-04T09:00:00Z").build());
        rt.process(attackerReplay("2025-03-04T09:06:00Z").build());
        rt.advanceWatermark(Instant.parse("2025-03-04T10:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-04T14:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1234, 99999})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = mixedTraffic();
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(3);

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofMinutes(90), inOrder);
    }

    /** Three replayed sessions (two users) among hard negatives, spread over several hours. */
    static List<Event> mixedTraffic() {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            String base = String.format("2025-03-04T%02d:", 8 + h * 3);
            String session = "s-" + h;
            String user = h == 1 ? "bob@contoso.example" : "jane@contoso.example";
            events.add(victimViaProxy(base + "00:00Z").session(session).user(user).build());
            for (int i = 1; i <= 6; i++) {
                events.add(attackerReplay(base + String.format("%02d:00Z", i * 7)).session(session).user(user)
                        .nonInteractive().build());
            }
            // a traveller's session on the same day: same client, new network
            events.add(victimViaProxy(base + "15:00Z").session("t-" + h).user(user).ip("81.2.69.160").asn(7922).build());
            events.add(victimViaProxy(base + "40:00Z").session("t-" + h).user(user).ip("198.51.100.77").asn(3215).build());
        }
        return events;
    }

    private static List<Alert> run(List<? extends Event> events) {
        return run(events, TenantContext.EMPTY);
    }

    private static List<Alert> run(List<? extends Event> events, TenantContext tenant) {
        return harness().withTenant(tenant).run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(detection());
    }

    private static Detection detection() {
        return new SessionReplayDetection(DetectConfig.defaults());
    }
}
