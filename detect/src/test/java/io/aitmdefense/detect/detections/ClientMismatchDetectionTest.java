package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
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

class ClientMismatchDetectionTest {
    static final String CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String SESSION = "5e551011-2222-4b3c-8d9e-bbbbbbbbbbbb";

    static SampleEvents.SignInBuilder chromeOnWindows(String at) {
        return signIn().at(at).session(SESSION).ip("81.2.69.160").asn(7922)
                .userAgent(CHROME_WIN).unmanagedDevice("Windows 10", "Chrome 132.0.0");
    }

    static SampleEvents.SignInBuilder firefoxOnLinux(String at) {
        return signIn().at(at).session(SESSION).ip("81.2.70.4").asn(7922)
                .userAgent(FIREFOX_LINUX).unmanagedDevice("Linux", "Firefox 128.0").satisfiedByToken();
    }

    static SampleEvents.SignInBuilder script(String at, String agent) {
        return signIn().at(at).session("").ip("198.51.100.20").asn(24940).userAgent(agent)
                .unmanagedDevice("", "").satisfiedByToken().nonInteractive();
    }

    @Test
    void anotherOperatingSystemInTheSameSessionIsAJumpEvenOnTheSameNetwork() {
        List<Alert> alerts = run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                firefoxOnLinux("2025-03-04T09:04:00Z").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("client-mismatch");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
        assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:04:00Z"));
        assertThat(a.infrastructure().sessionIds()).containsExactly(SESSION);
        assertThat(a.infrastructure().userAgents()).containsExactly(FIREFOX_LINUX);
        assertThat(a.evidence()).hasSize(2);
    }

    @Test
    void twoRegisteredDevicesInOneSessionAreAJump() {
        Device laptop = new Device("dev-1", "LAPTOP-JANE", "Windows 10", "Chrome 132.0.0", "Azure AD joined", true, true);
        Device other = new Device("dev-9", "DESKTOP-8K2L1", "Windows 10", "Chrome 132.0.0", "Azure AD registered", false, false);
        assertThat(run(List.of(
                signIn().at("2025-03-04T09:00:00Z").session(SESSION).device(laptop).build(),
                signIn().at("2025-03-04T09:10:00Z").session(SESSION).device(other).build()))).hasSize(1);
    }

    @Test
    void explanationNamesBothClientsNetworksAppsAndTimes() {
        Alert a = run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                firefoxOnLinux("2025-03-04T09:04:00Z").build())).get(0);

        assertThat(a.explanation()).contains(SESSION)
                .contains("Chrome on Windows").contains("Firefox on Linux")
                .contains("81.2.69.160").contains("81.2.70.4 (AS7922")
                .contains("OfficeHome").contains("2025-03-04T09:04:00Z");
    }

    @Test
    void aScriptingAgentSigningInIsReportedOncePerAgentWithItsValues() {
        List<Alert> alerts = run(List.of(
                script("2025-03-04T09:00:00Z", "python-requests/2.31.0").build(),
                script("2025-03-04T09:02:00Z", "python-requests/2.31.0").build(),
                script("2025-03-04T09:30:00Z", "python-requests/2.32.3").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.severity()).isEqualTo(Severity.HIGH); // a script from a hosting network
        assertThat(a.evidence()).hasSize(3);
        assertThat(a.explanation()).contains("'python-requests/2.31.0'")
                .contains("198.51.100.20 (AS24940 Hetzner Online, hosting)").contains("2025-03-04T09:00:00Z");
        assertThat(a.infrastructure().sessionIds()).isEmpty();
    }

    @Test
    void aScriptTakingOverABrowserSessionIsBothFindingsInOneAlert() {
        List<Alert> alerts = run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                firefoxOnLinux("2025-03-04T09:04:00Z").userAgent("axios/1.6.8").build()));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(alerts.get(0).explanation()).contains("client changed").contains("scripting agent 'axios/1.6.8'");
    }

    @Test
    void aScriptLaterInAJumpingSessionRaisesTheAlert() {
        List<Alert> alerts = run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                firefoxOnLinux("2025-03-04T09:04:00Z").build(),
                firefoxOnLinux("2025-03-04T09:09:00Z").userAgent("undici").nonInteractive().build()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).contains("the scripting agent 'undici' used it at 2025-03-04T09:09:00Z");
            assertThat(a.evidence()).hasSize(3);
        });
    }

    @Test
    void theScriptingAgentListComesFromTheConfiguration() {
        DetectConfig onlyCurl = DetectConfig.of(Map.of("detections",
                Map.of("client-mismatch", Map.of("scriptingAgents", List.of("curl/")))));
        assertThat(run(List.of(script("2025-03-04T09:00:00Z", "python-requests/2.31.0").build()), onlyCurl)).isEmpty();
        assertThat(run(List.of(script("2025-03-04T09:00:00Z", "curl/8.5.0").build()), onlyCurl)).hasSize(1);
    }

    @Test
    void aBrowserUpdatingItselfIsTheSameClient() {
        assertThat(run(List.of(
                chromeOnWindows("2025-03-04T09:00:00Z").userAgent(CHROME_WIN.replace("132.0.0.0", "131.0.6778.86"))
                        .unmanagedDevice("Windows 10", "Chrome 131.0.6778").build(),
                chromeOnWindows("2025-03-04T09:20:00Z").build()))).isEmpty();
    }

    @Test
    void outlookAndTeamsBesideTheBrowserOnTheSameDeviceAreNotAJump() {
        Device laptop = new Device("dev-1", "LAPTOP-JANE", "Windows 10", "", "Hybrid Azure AD joined", true, true);
        assertThat(run(List.of(
                signIn().at("2025-03-04T09:00:00Z").session(SESSION).device(laptop).build(),
                signIn().at("2025-03-04T09:01:00Z").session(SESSION).device(laptop).nonInteractive()
                        .userAgent("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)").build(),
                signIn().at("2025-03-04T09:02:00Z").session(SESSION).device(laptop).nonInteractive()
                        .userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                + "Teams/1.6.00.4472 Chrome/85.0.4183.121 Electron/10.4.7 Safari/537.36").build()))).isEmpty();
    }

    @Test
    void anotherBrowserOnTheSameOperatingSystemWithoutDeviceIdsIsNotAJump() {
        assertThat(run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                chromeOnWindows("2025-03-04T09:05:00Z")
                        .userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")
                        .unmanagedDevice("Windows 10", "Firefox 128.0").build()))).isEmpty();
    }

    @Test
    void scriptsFromATrustedNetworkAreTheTenantsOwnAutomation() {
        assertThat(run(List.of(script("2025-03-04T09:00:00Z", "python-requests/2.31.0").ip("165.225.1.10").asn(62044)
                .namedLocation("HQ egress", true).build()))).isEmpty();
    }

    @Test
    void aFailedScriptedSignInIsNotASignIn() {
        assertThat(run(List.of(script("2025-03-04T09:00:00Z", "python-requests/2.31.0")
                .failed(50126, "Invalid username or password").build()))).isEmpty();
    }

    @Test
    void clientsFurtherApartThanTheWindowAreNotCompared() {
        assertThat(run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                firefoxOnLinux("2025-03-04T10:30:00Z").build()))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 11, 2024, 31337, 8675309})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            String base = String.format("2025-03-04T%02d:", 8 + h * 2);
            String user = h % 2 == 0 ? "jane@contoso.example" : "bob@contoso.example";
            events.add(chromeOnWindows(base + "00:00Z").session("s" + h).user(user).build());
            events.add(firefoxOnLinux(base + "05:00Z").session("s" + h).user(user).build());
            events.add(firefoxOnLinux(base + "25:00Z").session("s" + h).user(user).build());
            events.add(chromeOnWindows(base + "30:00Z").session("s" + h).user(user).build());
            events.add(script(base + "40:00Z", "Go-http-client/1.1").user(user).build());
            events.add(chromeOnWindows(base + "50:00Z").session("u" + h).user(user).build());
        }
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(8); // four jumping sessions and four Go-client runs (each user runs it twice, 4 h apart)

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofMinutes(90), inOrder);
    }

    /** Azure CLI in WSL on the user's laptop: MSAL's python agent, Linux, signed in by device code. */
    static SampleEvents.SignInBuilder azureCliInWsl(String at, String ip, int asn) {
        return signIn().at(at).session(SESSION).ip(ip).asn(asn).userAgent("python-requests/2.32.3")
                .unmanagedDevice("Linux", "").app("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI")
                .resource("797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API").deviceCode();
    }

    @Test
    void aDeviceCodeHandOffToACommandLineToolOnTheBrowsersAddressIsNotAMovedSession() {
        assertThat(run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                azureCliInWsl("2025-03-04T09:03:00Z", "81.2.69.160", 7922).build(),
                azureCliInWsl("2025-03-04T09:40:00Z", "81.2.69.160", 7922).nonInteractive().build()))).isEmpty();
    }

    @Test
    void theSameToolOnAnotherAddressIsStillAMovedSession() {
        // the code redeemed elsewhere (device-code or authorization-code phishing) keeps both signals
        assertThat(run(List.of(chromeOnWindows("2025-03-04T09:00:00Z").build(),
                azureCliInWsl("2025-03-04T09:03:00Z", "198.51.100.20", 24940).build()))).singleElement()
                .satisfies(a -> assertThat(a.explanation()).contains("scripting agent 'python-requests/2.32.3'"));
    }

    private static List<Alert> run(List<? extends Event> events) {
        return run(events, DetectConfig.defaults());
    }

    private static List<Alert> run(List<? extends Event> events, DetectConfig config) {
        return DetectionHarness.of(new ClientMismatchDetection(config)).run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new ClientMismatchDetection(DetectConfig.defaults()));
    }
}
