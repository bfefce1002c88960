package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static io.aitmdefense.detect.detections.DetectionHarness.sorted;
import static io.aitmdefense.events.SampleEvents.audit;
import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.risk;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class SignInThenPersistenceDetectionTest {
    static final String JANE = "jane@contoso.example";

    /** The user's ordinary MFA sign-in from home, a week earlier. */
    static Event usualSignIn() {
        return signIn().at("2025-02-25T08:30:00Z").ip("81.2.69.160").asn(7922).build();
    }

    /** A sign-in from a DigitalOcean droplet: the AiTM proxy or the replay host. */
    static Event hostingSignIn(String at) {
        return signIn().at(at).ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").session("s-1").build();
    }

    static Artifact.InboxRule rule(String name, List<String> forwardTo, boolean deletes, String folder) {
        return new Artifact.InboxRule("New-InboxRule", name, true, "subjectorbodycontainswords=invoice;payment",
                forwardTo, List.of(), List.of(), deletes, false, folder, true, "alice@contoso.com", "");
    }

    static Event forwardingRule(String at) {
        return office("New-InboxRule").at(at).ip("203.0.113.10")
                .artifact(rule(".", List.of("drop@attacker.example"), true, "")).build();
    }

    @Test
    void externalForwardingRuleAfterAHostingSignInIsCritical() {
        List<Alert> alerts = run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), forwardingRule("2025-03-04T09:20:00Z")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("signin-then-persistence");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
            assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:20:00Z"));
            assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
            assertThat(a.infrastructure().asns()).containsExactly(14061);
            assertThat(a.evidence()).extracting(e -> e.kind()).containsExactly(EventKind.SIGN_IN, EventKind.OFFICE_ACTIVITY);
            assertThat(a.explanation())
                    .startsWith("jane@contoso.example New-InboxRule rule '.' that forwards to drop@attacker.example, deletes")
                    .contains("has the punctuation-only name '.'")
                    .contains("20 min after a suspicious sign-in to OfficeHome at 2025-03-04T09:00:00Z from 203.0.113.10 (AS14061 DigitalOcean, hosting)")
                    .contains("the change came from the same address")
                    .contains("outside the tenant to drop@attacker.example");
        });
    }

    @Test
    void aChangeInTheSuspiciousSessionSaysSo() {
        Event rule = office("New-InboxRule").at("2025-03-04T09:20:00Z").ip("198.51.100.99").session("S-1")
                .artifact(rule("x", List.of(), true, "")).build();
        assertThat(run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), rule))).singleElement()
                .satisfies(a -> assertThat(a.explanation()).endsWith("; the change was made in the same session."));
    }

    @Test
    void ruleStampedBeforeTheSignInStillAlerts() {
        List<Alert> alerts = run(List.of(usualSignIn(), forwardingRule("2025-03-04T08:40:00Z"), hostingSignIn("2025-03-04T09:00:00Z")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T08:40:00Z"));
            assertThat(a.explanation()).contains("20 min before a suspicious sign-in");
        });
    }

    @Test
    void ruleArrivingBeforeItsSignInGivesTheSameAlert() {
        List<Event> signInFirst = List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), forwardingRule("2025-03-04T09:20:00Z"));
        List<Event> ruleFirst = List.of(signInFirst.get(2), signInFirst.get(1), signInFirst.get(0));

        assertThat(run(ruleFirst)).hasSize(1).isEqualTo(run(signInFirst));
    }

    @Test
    void persistenceOutsideTheWindowIsNotCorrelated() {
        assertThat(run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), forwardingRule("2025-03-04T10:30:00Z")))).isEmpty();
        assertThat(run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), forwardingRule("2025-03-04T08:20:00Z")))).isEmpty();
    }

    @Test
    void aLegitimateRuleDaysAfterANormalSignInIsNotAnAlert() {
        assertThat(run(List.of(usualSignIn(),
                signIn().at("2025-03-01T08:30:00Z").ip("81.2.69.160").asn(7922).build(),
                office("New-InboxRule").at("2025-03-04T09:20:00Z").ip("81.2.69.160")
                        .artifact(rule("Invoices", List.of(), true, "")).build()))).isEmpty();
    }

    @Test
    void aNewsletterRuleIsNotPersistenceEvenAfterASuspiciousSignIn() {
        Event newsletters = office("New-InboxRule").at("2025-03-04T09:20:00Z").ip("81.2.69.160")
                .artifact(new Artifact.InboxRule("New-InboxRule", "Newsletters", true, "from=news@shop.example",
                        List.of(), List.of(), List.of(), false, false, "Newsletters", false, "", "")).build();
        assertThat(run(List.of(usualSignIn(), signIn().at("2025-03-04T09:00:00Z").ip("81.2.69.160").asn(7922).build(), newsletters)))
                .isEmpty();
        assertThat(run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), newsletters))).isEmpty();
    }

    @Test
    void aRuleNamedAfterTheJunkFolderAfterATokenReplayFromANewNetworkIsHigh() {
        Event replay = signIn().at("2025-03-04T09:00:00Z").ip("198.51.100.20").asn(3215)
                .unmanagedDevice("Linux", "Firefox 128.0").satisfiedByToken().build();
        Event junk = office("New-InboxRule").at("2025-03-04T09:20:00Z").ip("198.51.100.20")
                .artifact(new Artifact.InboxRule("New-InboxRule", "junk", true, "subjectcontainswords=legal",
                        List.of(), List.of(), List.of(), false, false, "", true, "", "")).build();

        assertThat(run(List.of(usualSignIn(), replay, junk))).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).contains("rule 'junk' that is named like a hidden folder when subjectcontainswords=legal")
                    // the logs hold a week of the user's sign-ins, not the 14 days the rule looks back: the analyst is told
                    .contains("MFA satisfied by a claim in the token from a network with no earlier sign-in of the user in"
                            + " the 7 days of the user's sign-ins the logs hold before it");
        });
        // the same token-satisfied sign-in from the user's known network is their own browser session
        Event ownSession = signIn().at("2025-03-04T09:00:00Z").ip("81.2.69.161").asn(7922).satisfiedByToken().build();
        assertThat(run(List.of(usualSignIn(), ownSession, junk))).isEmpty();
    }

    @Test
    void mailboxForwardingConsentMfaAndDeviceAreEachPersistence() {
        Event forwarding = office("Set-Mailbox").at("2025-03-04T09:10:00Z")
                .artifact(new Artifact.MailForwarding("Set-Mailbox", "jane", List.of("jane.doe@gmail.example"), true)).build();
        Event consent = audit("Consent to application").at("2025-03-04T09:11:00Z")
                .artifact(new Artifact.AppConsent("app-1", "Mail Sync Pro", List.of("openid", "offline_access", "Mail.Read"), "Principal", false, "", List.of())).build();
        Event mfa = audit("User registered security info").at("2025-03-04T09:12:00Z")
                .artifact(new Artifact.MfaMethodChange("Authenticator App with Notification and Code", true, false, "")).build();
        Event device = audit("Register device").at("2025-03-04T09:13:00Z")
                .artifact(new Artifact.DeviceRegistration("dev-9", "DESKTOP-4F2K1", "Windows", "10.0.19045.2006", "Workplace")).build();

        List<Alert> alerts = run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), forwarding, consent, mfa, device));

        assertThat(alerts).hasSize(4);
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alerts.get(0).explanation()).contains("Set-Mailbox forwarding jane to jane.doe@gmail.example (keeping a copy)");
        assertThat(alerts.get(1).explanation()).contains("consented to Mail Sync Pro with offline_access and Mail.Read");
        assertThat(alerts.get(2).explanation()).contains("registered MFA method Authenticator App with Notification and Code");
        assertThat(alerts.get(3).explanation()).contains("registered device DESKTOP-4F2K1 (Windows 10.0.19045.2006)");
        assertThat(alerts).extracting(Alert::severity).containsExactly(Severity.CRITICAL, Severity.HIGH, Severity.HIGH, Severity.HIGH);
    }

    @Test
    void aConsentWithoutOfflineMailAccessIsNotPersistence() {
        Event consent = audit("Consent to application").at("2025-03-04T09:11:00Z")
                .artifact(new Artifact.AppConsent("app-1", "Calendar Helper", List.of("openid", "profile", "offline_access", "Mail.ReadBasic"), "Principal", false, "", List.of())).build();
        assertThat(run(List.of(usualSignIn(), hostingSignIn("2025-03-04T09:00:00Z"), consent))).isEmpty();
    }

    @Test
    void aStandingRiskDetectionThenAnMfaRegistrationAlerts() {
        Event mfa = audit("User registered security info").at("2025-03-04T09:12:00Z")
                .artifact(new Artifact.MfaMethodChange("Phone", true, false, "")).build();
        assertThat(run(List.of(risk("anomalousToken").at("2025-03-04T09:05:00Z").level("high").build(), mfa)))
                .singleElement().satisfies(a -> assertThat(a.explanation()).contains("high risk anomalousToken"));
        // a dismissed detection is no longer evidence
        assertThat(run(List.of(risk("anomalousToken").at("2025-03-04T09:05:00Z").level("high").state("dismissed", "none").build(), mfa)))
                .isEmpty();
    }

    @Test
    void theUsersCompliantLaptopBehindAHostedVpnIsNotASuspiciousSignIn() {
        // the builder's default device is the user's hybrid-joined, compliant laptop: no AiTM proxy can present it
        Event vpn = signIn().at("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061).session("s-1").build();
        Event mfa = audit("User registered security info").at("2025-03-04T09:12:00Z")
                .artifact(new Artifact.MfaMethodChange("Phone", true, false, "")).build();

        assertThat(run(List.of(vpn, mfa))).isEmpty();
        assertThat(run(List.of(hostingSignIn("2025-03-04T09:00:00Z"), mfa))).hasSize(1);
    }

    @Test
    void azureClisOwnPythonAgentIsNotAScriptingClientButAnyOtherAppsIs() {
        Event mfa = audit("User registered security info").at("2025-03-04T09:12:00Z")
                .artifact(new Artifact.MfaMethodChange("Phone", true, false, "")).build();
        SampleEvents.SignInBuilder python = signIn().at("2025-03-04T09:00:00Z").ip("81.2.69.160").asn(7922)
                .userAgent("python-requests/2.32.3").unmanagedDevice("Linux", "");

        assertThat(run(List.of(python.app("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI").build(), mfa))).isEmpty();
        assertThat(run(List.of(python.app("4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome").build(), mfa))).hasSize(1);
    }

    @Test
    void oneSessionSeenFromASecondNetworkByAnotherClientIsSuspicious() {
        Event home = signIn().at("2025-03-04T08:50:00Z").ip("81.2.69.160").asn(7922).session("s-9").build();
        Event elsewhere = signIn().at("2025-03-04T09:00:00Z").ip("198.51.100.20").asn(3215).session("s-9").nonInteractive()
                .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .unmanagedDevice("Linux", "Firefox 128.0").build();
        Event rule = office("New-InboxRule").at("2025-03-04T09:05:00Z").artifact(rule("x", List.of(), false, "RSS Feeds")).build();

        assertThat(run(List.of(home, elsewhere, rule))).singleElement().satisfies(a ->
                assertThat(a.explanation()).contains("moves to RSS Feeds").contains("now used from a second network"));
    }

    @Test
    void oneSessionMovingToASecondNetworkWithTheSameClientIsNotSuspicious() {
        // found by aitm eval: a phone's mail app going from home Wi-Fi to cellular keeps its session and its client
        Event home = signIn().at("2025-03-04T08:50:00Z").ip("81.2.69.160").asn(7922).session("s-9").build();
        Event cellular = signIn().at("2025-03-04T09:00:00Z").ip("198.51.100.20").asn(3215).session("s-9").nonInteractive().build();
        Event rule = office("New-InboxRule").at("2025-03-04T09:05:00Z").artifact(rule("x", List.of(), false, "RSS Feeds")).build();

        assertThat(run(List.of(home, cellular, rule))).isEmpty();
    }

    @Test
    void stateIsReleasedAfterTheWindows() {
        KeyedRuntime rt = harness().runtime(a -> { });
        rt.process(hostingSignIn("2025-03-04T09:00:00Z"));
        rt.process(forwardingRule("2025-03-04T09:20:00Z"));
        rt.advanceWatermark(Instant.parse("2025-03-05T00:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-25T00:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @Test
    void mailboxActivityThatIsNotPersistenceKeepsNoState() {
        KeyedRuntime rt = harness().runtime(a -> { });
        rt.process(office("MailItemsAccessed").at("2025-03-04T09:20:00Z").items(40).build());
        rt.process(office("New-InboxRule").at("2025-03-04T09:21:00Z")
                .artifact(new Artifact.InboxRule("New-InboxRule", "Newsletters", true, "", List.of(), List.of(), List.of(),
                        false, false, "Newsletters", false, "", "")).build());
        rt.advanceWatermark(Instant.parse("2025-03-04T12:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 404, 9001, 20250304})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of(JANE, "bob@contoso.example", "eve@contoso.example")) {
            events.add(signIn().user(user).at("2025-02-25T08:30:00Z").ip("81.2.69.160").asn(7922).build());
            events.add(signIn().user(user).at("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").build());
            events.add(office("New-InboxRule").user(user).at("2025-03-04T08:45:00Z").artifact(rule(".", List.of(), true, "")).build());
            events.add(office("New-InboxRule").user(user).at("2025-03-04T09:30:00Z")
                    .artifact(rule("fw", List.of("x@attacker.example"), false, "")).build());
            events.add(office("New-InboxRule").user(user).at("2025-03-06T09:30:00Z").artifact(rule("late", List.of(), true, "")).build());
        }
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(6);

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofHours(6), inOrder);
    }

    /**
     * The Sentinel training lab: AdeleV's sign-ins from 175.45.176.99 are all single-factor with the first factor
     * satisfied by a claim in the token, from a network with no earlier sign-in of hers; 25 minutes later a New-InboxRule
     * named "junk" comes from the same address. JohnS and the admin also used that address but have no sign-in.
     */
    @Test
    void trainingLabAdeleReplayThenJunkRuleAlertsAndNobodyElse() throws IOException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        new LogReader(2).read(List.of(Path.of("../shared/data/logs/sentinel-training-lab")), events::add, Progress.NONE);
        events.sort(Comparator.comparing(Event::time).thenComparing(e -> e.source().toString()));

        List<Alert> alerts = run(events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.user()).isEqualTo("adelev@m365x816222.onmicrosoft.com");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.infrastructure().ips()).containsExactly("175.45.176.99");
            assertThat(a.explanation()).contains("New-InboxRule rule 'junk'").contains("from 175.45.176.99")
                    .contains("MFA satisfied by a claim in the token").contains("the change came from the same address");
            assertThat(a.evidence()).extracting(e -> e.kind()).containsExactly(EventKind.SIGN_IN, EventKind.OFFICE_ACTIVITY);
        });
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new SignInThenPersistenceDetection(DetectConfig.defaults()));
    }

    private static List<Alert> run(List<? extends Event> events) {
        return harness().run(events);
    }
}
