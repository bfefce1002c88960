package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.SignIn;
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

class HostingIpSignInDetectionTest {
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /** The victim's OfficeHome sign-in relayed by a proxy on DigitalOcean: MFA completed, the proxy's IP logged. */
    static SampleEvents.SignInBuilder fromDigitalOcean(String at) {
        return signIn().at(at).ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0");
    }

    @Test
    void anOfficeSignInFromAVpsProviderAlertsOnceWithTheFollowingHourAsEvidence() {
        List<Alert> alerts = run(List.of(
                fromDigitalOcean("2025-03-04T09:00:00Z").build(),
                fromDigitalOcean("2025-03-04T09:02:00Z").nonInteractive().satisfiedByToken()
                        .resource("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online").build(),
                fromDigitalOcean("2025-03-04T09:40:00Z").ip("203.0.113.99").nonInteractive().satisfiedByToken().build(),
                fromDigitalOcean("2025-03-04T13:00:00Z").nonInteractive().satisfiedByToken().build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("hosting-ip-signin");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.evidence()).hasSize(3);
        assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
        assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:40:00Z"));
        assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10", "203.0.113.99");
        assertThat(a.infrastructure().asns()).containsExactly(14061);
    }

    @Test
    void mfaCompletedThroughAHostingNetworkIsTheProxyRelayingTheSignIn() {
        Alert a = run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").build())).get(0);

        assertThat(a.stage()).isEqualTo(KillChainStage.COOKIE_THEFT);
        assertThat(a.techniques()).contains("T1557");
        assertThat(a.explanation()).contains("AiTM proxy");
    }

    @Test
    void aTokenSatisfiedSignInFromAHostingNetworkIsAReplay() {
        Alert a = run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").satisfiedByToken().userAgent(FIREFOX_LINUX)
                .unmanagedDevice("Linux", "Firefox 128.0").build())).get(0);

        assertThat(a.stage()).isEqualTo(KillChainStage.REPLAY);
        assertThat(a.explanation()).contains("satisfied by a claim in the token");
    }

    @Test
    void explanationNamesUserNetworkOwnerTimeAppsAndClient() {
        Alert a = run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").build(),
                fromDigitalOcean("2025-03-04T09:02:00Z").nonInteractive()
                        .resource("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online").build())).get(0);

        assertThat(a.explanation()).startsWith("jane@contoso.example signed in successfully from 203.0.113.10 (AS14061 DigitalOcean, hosting)")
                .contains("2025-03-04T09:00:00Z").contains("OfficeHome → Microsoft Graph")
                .contains("OfficeHome → Office 365 Exchange Online").contains("2 sign-ins").contains("Chrome on Windows");
    }

    @Test
    void aScriptingAgentFromAHostingNetworkIsHigh() {
        Alert a = run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").userAgent("python-requests/2.31.0")
                .nonInteractive().satisfiedByToken().build())).get(0);

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.explanation()).contains("'python-requests/2.31.0'");
    }

    @Test
    void eachHostingNetworkIsItsOwnAlertAndANewDayOpensANewOne() {
        List<Alert> alerts = run(List.of(
                fromDigitalOcean("2025-03-04T09:00:00Z").build(),
                fromDigitalOcean("2025-03-04T09:10:00Z").ip("198.51.100.20").asn(24940).build(),
                fromDigitalOcean("2025-03-05T10:00:00Z").build()));

        assertThat(alerts).extracting(a -> a.infrastructure().ips().get(0) + " " + a.start())
                .containsExactlyInAnyOrder("203.0.113.10 2025-03-04T09:00:00Z", "198.51.100.20 2025-03-04T09:10:00Z",
                        "203.0.113.10 2025-03-05T10:00:00Z");
    }

    @Test
    void trustedSaseEgressIsNotHosting() {
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").ip("165.225.1.10").asn(62044)
                .namedLocation("Company-Zscaler Trusted Proxy IPs", true).build()))).isEmpty();
        // even untagged, Zscaler is SASE egress, not a VPS
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").ip("165.225.1.10").asn(62044).build()))).isEmpty();
    }

    @Test
    void aCloudNetworkTheTenantAllowListedIsItsOwn() {
        TenantContext tenant = new TenantContext(List.of(), Set.of(16509), Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").ip("3.5.140.2").asn(16509).build()), tenant)).isEmpty();
        // the same network without the allow-list alerts
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").ip("3.5.140.2").asn(16509).build()))).hasSize(1);
    }

    @Test
    void microsoftsOwnNetworkIsNotHosting() {
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").ip("40.126.1.1").asn(8075).build()))).isEmpty();
    }

    @Test
    void aDeveloperToolFromACloudBuildMachineIsNotAnOfficeSignIn() {
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z")
                .app("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI").build()))).isEmpty();
        assertThat(run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z")
                .app("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal")
                .resource("797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API").build()))).isEmpty();
    }

    @Test
    void failuresResidentialNetworksAndWorkloadsDoNotCount() {
        assertThat(run(List.of(
                fromDigitalOcean("2025-03-04T09:00:00Z").failed(50126, "Invalid username or password").build(),
                fromDigitalOcean("2025-03-04T09:01:00Z").ip("81.2.69.160").asn(7922).build(),
                fromDigitalOcean("2025-03-04T09:02:00Z").category(SignIn.Category.SERVICE_PRINCIPAL).build()))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 17, 404, 65537, 123456789})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        String[] users = {"jane@contoso.example", "bob@contoso.example"};
        for (int d = 4; d <= 6; d++) {
            for (String user : users) {
                for (int i = 0; i < 5; i++) {
                    String at = String.format("2025-03-%02dT%02d:%02d:00Z", d, 8 + i * 3, i * 9);
                    events.add(fromDigitalOcean(at).user(user).ip(i % 2 == 0 ? "203.0.113.10" : "198.51.100.20")
                            .asn(i % 2 == 0 ? 14061 : 24940).satisfiedByToken().build());
                    events.add(fromDigitalOcean(at).user(user).ip("81.2.69.160").asn(7922).build());
                }
            }
        }
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(12); // two hosting networks per user per day

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofHours(6), inOrder);
    }

    /** A laptop that is hybrid-joined and compliant, as Entra logs it; the user's own machine. */
    static final io.aitmdefense.events.Device HYBRID_LAPTOP = new io.aitmdefense.events.Device("6b1f2c4e-0d7a-4e1b-9d55-2f1c8a0e9b31",
            "LT-0042", "Windows 10", "Edge 131.0.0", "Hybrid Azure AD joined", true, true);
    /** A CRM connector the user consented to (a third-party confidential client), refreshing from its cloud (AWS). */
    static final String CONNECTOR = "3c8d6b9e-7f2a-4b51-9e0d-5a6c1f2b8e47";

    static SampleEvents.SignInBuilder connectorRefresh(String at) {
        return signIn().at(at).ip("52.23.45.67").asn(14618).nonInteractive().satisfiedByToken().userAgent("")
                .unmanagedDevice("", "").app(CONNECTOR, "Contoso CRM Sync")
                .resource("00000003-0000-0000-c000-000000000000", "Microsoft Graph");
    }

    @Test
    void theUsersCompliantHybridJoinedDeviceOnAHostedVpnIsNotAnAitmProxy() {
        // the same sign-in without the device claim is the proxy's shape (test above); with it, a proxy is impossible
        List<Alert> alerts = run(List.of(fromDigitalOcean("2025-03-04T09:00:00Z").device(HYBRID_LAPTOP).build(),
                fromDigitalOcean("2025-03-04T09:05:00Z").device(HYBRID_LAPTOP).nonInteractive().satisfiedByToken().build()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.stage()).isEqualTo(KillChainStage.REPLAY);
            assertThat(a.explanation()).doesNotContain("shape of an AiTM proxy").doesNotContain("shape of a replayed session")
                    .contains("compliant or hybrid-joined device");
        });
    }

    @Test
    void aConsentedAppRefreshingFromItsCloudDailyIsANoticeOnceThenTheUsersBaseline() {
        List<Event> days = new ArrayList<>();
        for (int d = 4; d <= 9; d++) days.add(connectorRefresh("2025-03-0" + d + "T02:1" + d + ":00Z").build());

        List<Alert> alerts = run(days);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T02:14:00Z"));
            assertThat(a.explanation()).contains("third-party app").doesNotContain("shape of a replayed session");
        });
    }

    @Test
    void microsoftsOwnClientsRefreshingFromAHostingNetworkStayTheShapeOfAReplay() {
        // the attacker's replayed refresh token is a Microsoft first-party client (Office): no baseline for it
        List<Event> days = new ArrayList<>();
        for (int d = 4; d <= 6; d++) {
            days.add(fromDigitalOcean("2025-03-0" + d + "T02:00:00Z").nonInteractive().satisfiedByToken()
                    .app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office").build());
        }
        assertThat(run(days)).hasSize(3).allSatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.explanation()).contains("shape of a replayed session");
        });
    }

    private static List<Alert> run(List<? extends Event> events) {
        return run(events, TenantContext.EMPTY);
    }

    private static List<Alert> run(List<? extends Event> events, TenantContext tenant) {
        return harness().withTenant(tenant).run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new HostingIpSignInDetection(DetectConfig.defaults()));
    }
}
