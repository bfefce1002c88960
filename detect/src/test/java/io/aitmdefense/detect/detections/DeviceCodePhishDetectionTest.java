package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
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

class DeviceCodePhishDetectionTest {
    static final String SESSION = "dc5e5510-3333-4c4d-8e9f-cccccccccccc";

    /** The attacker's poller receiving the victim's tokens: Authentication Broker to Graph, device code protocol. */
    static SampleEvents.SignInBuilder deviceCode(String at) {
        return signIn().at(at).deviceCode().session(SESSION).ip("198.51.100.20").asn(3215)
                .app("29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Authentication Broker")
                .userAgent("python-requests/2.31.0").unmanagedDevice("", "");
    }

    static SampleEvents.SignInBuilder exchangeRefresh(String at) {
        return signIn().at(at).nonInteractive().session(SESSION).ip("198.51.100.20").asn(3215)
                .app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office")
                .resource("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online")
                .userAgent("python-requests/2.31.0").unmanagedDevice("", "").satisfiedByToken();
    }

    @Test
    void aFirstDeviceCodeSignInIsReported() {
        List<Alert> alerts = run(List.of(deviceCode("2025-03-04T09:00:00Z").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("device-code-phish");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.stage()).isEqualTo(KillChainStage.INITIAL_ACCESS);
        assertThat(a.infrastructure().ips()).containsExactly("198.51.100.20");
        assertThat(a.infrastructure().sessionIds()).containsExactly(SESSION);
        assertThat(a.evidence()).hasSize(1);
    }

    @Test
    void fromAHostingNetworkItIsHigh() {
        List<Alert> alerts = run(List.of(deviceCode("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061).build()));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void mailAccessBySameSessionOrNetworkWithinTheFollowWindowRaisesItAndIsEvidence() {
        List<Alert> alerts = run(List.of(
                deviceCode("2025-03-04T09:00:00Z").build(),
                exchangeRefresh("2025-03-04T09:12:00Z").build(),
                SampleEvents.office("MailItemsAccessed").at("2025-03-04T09:20:00Z").recordType(50).ip("198.51.100.20")
                        .clientInfo("Client=REST;;").build(),
                exchangeRefresh("2025-03-04T10:30:00Z").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.evidence()).hasSize(3);
        assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:20:00Z"));
        assertThat(a.explanation()).contains("read mail (2 accesses: Microsoft Office → Office 365 Exchange Online, Exchange MailItemsAccessed)");
    }

    @Test
    void theUsersOwnMailFromElsewhereIsNotAFollowUp() {
        List<Alert> alerts = run(List.of(
                deviceCode("2025-03-04T09:00:00Z").build(),
                exchangeRefresh("2025-03-04T09:12:00Z").session("home-session").ip("81.2.69.160").asn(7922).build()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.evidence()).hasSize(1);
        });
    }

    @Test
    void explanationNamesAppNetworkClientTimeAndHistoryWindow() {
        Alert a = run(List.of(deviceCode("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061).build())).get(0);

        assertThat(a.explanation()).startsWith("jane@contoso.example completed a device-code sign-in to "
                        + "Microsoft Authentication Broker → Microsoft Graph (device code protocol) at 2025-03-04T09:00:00Z")
                .contains("203.0.113.10 (AS14061 DigitalOcean, hosting)")
                .contains("python-requests")
                .contains("had not used device code in the previous 30 days");
    }

    @Test
    void aBurstOfDeviceCodeRowsIsOneAlert() {
        List<Alert> alerts = run(List.of(deviceCode("2025-03-04T09:00:00Z").build(),
                deviceCode("2025-03-04T09:00:30Z").nonInteractive().build(),
                deviceCode("2025-03-04T09:20:00Z").nonInteractive().build()));

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.evidence()).hasSize(3));
    }

    @Test
    void aUserWhoUsesDeviceCodeRoutinelyIsNotReported() {
        List<Event> events = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            // the conference-room device, on the office network the tenant trusts
            events.add(deviceCode(String.format("2025-03-%02dT09:00:00Z", d)).ip("165.225.1.10").asn(62044)
                    .namedLocation("HQ", true).userAgent("").build());
        }
        events.add(deviceCode("2025-03-04T09:00:00Z").build());
        assertThat(run(events)).isEmpty();
    }

    @Test
    void aHabitOlderThanTheHistoryWindowIsForgotten() {
        assertThat(run(List.of(deviceCode("2025-01-20T09:00:00Z").namedLocation("HQ", true).build(),
                deviceCode("2025-03-04T09:00:00Z").build()))).hasSize(1);
    }

    @Test
    void failedOrTrustedDeviceCodeSignInsAreNotReported() {
        assertThat(run(List.of(deviceCode("2025-03-04T09:00:00Z").failed(70016, "authorization_pending").build()))).isEmpty();
        assertThat(run(List.of(deviceCode("2025-03-04T09:00:00Z").namedLocation("HQ", true).build()))).isEmpty();
    }

    @Test
    void ordinarySignInsAreNotDeviceCode() {
        assertThat(run(List.of(signIn().at("2025-03-04T09:00:00Z").build(), exchangeRefresh("2025-03-04T09:05:00Z").build())))
                .isEmpty();
    }

    @Test
    void mailOfUsersWhoNeverUseDeviceCodeIsKeptOnlyBriefly() {
        KeyedRuntime rt = DetectionHarness.of(new DeviceCodePhishDetection(DetectConfig.defaults())).runtime(a -> { });
        rt.process(exchangeRefresh("2025-03-04T09:00:00Z").build());
        rt.advanceWatermark(Instant.parse("2025-03-04T09:30:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-04T13:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 23, 1001, 27182, 5550123})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of("jane@contoso.example", "bob@contoso.example", "room@contoso.example")) {
            if (user.startsWith("room")) {
                for (int d = 1; d <= 4; d++) {
                    events.add(deviceCode(String.format("2025-03-%02dT08:00:00Z", d)).user(user).userAgent("").build());
                }
                continue;
            }
            events.add(deviceCode("2025-03-04T09:00:00Z").user(user).build());
            events.add(deviceCode("2025-03-04T09:01:00Z").user(user).nonInteractive().build());
            events.add(exchangeRefresh("2025-03-04T09:30:00Z").user(user).build());
            events.add(exchangeRefresh("2025-03-04T11:00:00Z").user(user).build());
            events.add(signIn().user(user).at("2025-03-04T09:45:00Z").build());
        }
        List<Alert> inOrder = sorted(run(events));
        // jane and bob once each (with their mail follow-up); the room device once, on its first day
        assertThat(inOrder).extracting(Alert::user).containsExactly(
                "bob@contoso.example", "jane@contoso.example", "room@contoso.example");
        assertThat(inOrder.get(0).severity()).isEqualTo(Severity.HIGH);

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofHours(6), inOrder);
    }

    private static List<Alert> run(List<? extends Event> events) {
        return harness().run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new DeviceCodePhishDetection(DetectConfig.defaults()));
    }
}
