package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Artifact.PolicyChange.Kind;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.aitmdefense.events.SampleEvents.audit;
import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class CaTamperingDetectionTest {
    static final String ADMIN = "admin@contoso.example";
    static final String ENABLED = "{\"id\":\"p1\",\"displayName\":\"Require MFA\",\"state\":\"enabled\",\"conditions\":{\"users\":"
            + "{\"includeUsers\":[\"All\"],\"excludeUsers\":[]},\"applications\":{\"includeApplications\":[\"All\"]}},"
            + "\"grantControls\":{\"operator\":\"OR\",\"builtInControls\":[\"mfa\"]}}";

    static String withState(String state) {
        return ENABLED.replace("\"state\":\"enabled\"", "\"state\":\"" + state + "\"");
    }

    static Event policy(String operation, Kind kind, String name, String oldValue, String newValue, String at) {
        return audit(operation).at(at).actor(ADMIN, "81.2.69.160").service("Conditional Access", "Policy")
                .artifact(new Artifact.PolicyChange(kind, operation, "p1", name, oldValue, newValue)).build();
    }

    static Event disable(String at) {
        return policy("Update conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", ENABLED, withState("disabled"), at);
    }

    static Event hostingSignIn(String at) {
        return signIn().user(ADMIN).at(at).ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").build();
    }

    static Event normalSignIn(String at) {
        return signIn().user(ADMIN).at(at).ip("81.2.69.160").asn(7922).build();
    }

    @Test
    void disablingAPolicyAfterASuspiciousSignInIsCritical() {
        List<Alert> alerts = run(List.of(hostingSignIn("2025-03-04T07:00:00Z"), disable("2025-03-04T09:00:00Z")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("ca-tampering");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.explanation()).startsWith("admin@contoso.example updated Conditional Access policy 'Require MFA': state enabled → disabled")
                    .contains("120 min after a suspicious sign-in to OfficeHome at 2025-03-04T07:00:00Z from 203.0.113.10 (AS14061 DigitalOcean, hosting)");
            assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
            assertThat(a.evidence()).extracting(e -> e.kind()).containsExactly(EventKind.SIGN_IN, EventKind.DIRECTORY_AUDIT);
        });
    }

    @Test
    void aDetectionWithAShorterLookBackSharingTheSignInLedgerDoesNotMakeItForget() {
        // sign-in → persistence looks back 90 minutes and judges its rule at ~12:31; CA tampering looks back 24 hours
        Event rule = office("New-InboxRule").user(ADMIN).at("2025-03-04T12:00:00Z").ip("81.2.69.160")
                .artifact(SignInThenPersistenceDetectionTest.rule("x", List.of("drop@attacker.example"), true, "")).build();
        List<Event> events = List.of(hostingSignIn("2025-03-04T07:00:00Z"), normalSignIn("2025-03-04T10:00:00Z"), rule,
                normalSignIn("2025-03-04T15:00:00Z"), normalSignIn("2025-03-04T18:00:00Z"), disable("2025-03-04T20:00:00Z"));

        List<Alert> alerts = DetectionHarness.of(new CaTamperingDetection(DetectConfig.defaults()),
                new SignInThenPersistenceDetection(DetectConfig.defaults())).run(events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("ca-tampering");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.explanation()).contains("780 min after a suspicious sign-in to OfficeHome at 2025-03-04T07:00:00Z");
        });
    }

    @Test
    void anAdminsChangeFromANormalSessionIsALowNoticeAndSaysSo() {
        assertThat(run(List.of(normalSignIn("2025-03-04T08:00:00Z"), disable("2025-03-04T09:00:00Z")))).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.explanation()).contains("from a normal session (no suspicious sign-in of the actor in the previous 24 h)");
            assertThat(a.infrastructure()).isEqualTo(Alert.Infrastructure.NONE);
        });
    }

    @Test
    void switchingToReportOnlyIsTampering() {
        Event reportOnly = policy("Update conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", ENABLED,
                withState("enabledForReportingButNotEnforced"), "2025-03-04T09:00:00Z");
        assertThat(run(List.of(reportOnly))).singleElement().satisfies(a ->
                assertThat(a.explanation()).contains("state enabled → enabledForReportingButNotEnforced"));
    }

    @Test
    void exclusionsAndRemovedGrantControlsAreNamed() {
        String weakened = ENABLED.replace("\"excludeUsers\":[]", "\"excludeUsers\":[\"u-attacker\"]").replace("[\"mfa\"]", "[]");
        Event change = policy("Update conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", ENABLED, weakened,
                "2025-03-04T09:00:00Z");
        assertThat(run(List.of(change))).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.explanation()).contains("excludeUsers added u-attacker").contains("grant controls removed mfa");
        });
    }

    @Test
    void policyJsonInsideAJsonStringIsRead() {
        String quoted = "\"" + ENABLED.replace("\"", "\\\"") + "\"";
        String quotedDisabled = "\"" + withState("disabled").replace("\"", "\\\"") + "\"";
        Event change = policy("Update conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", quoted, quotedDisabled,
                "2025-03-04T09:00:00Z");
        assertThat(run(List.of(change))).singleElement().satisfies(a -> assertThat(a.explanation()).contains("state enabled → disabled"));
    }

    @Test
    void creatingANewEnabledPolicyIsNotTampering() {
        assertThat(run(List.of(hostingSignIn("2025-03-04T08:00:00Z"), policy("Add conditional access policy",
                Kind.CONDITIONAL_ACCESS, "Block legacy auth", "", ENABLED, "2025-03-04T09:00:00Z")))).isEmpty();
    }

    @Test
    void anEditThatWeakensNothingIsInformational() {
        String renamed = ENABLED.replace("Require MFA", "Require MFA (all users)");
        assertThat(run(List.of(policy("Update conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", ENABLED, renamed,
                "2025-03-04T09:00:00Z")))).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void deletingAPolicyIsTampering() {
        assertThat(run(List.of(policy("Delete conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", ENABLED, "",
                "2025-03-04T09:00:00Z")))).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.explanation()).contains("deleted Conditional Access policy 'Require MFA' (was enabled)");
        });
    }

    @Test
    void aNewTrustedNamedLocationAndAnAuthMethodsChangeAreTampering() {
        Event location = policy("Add named location", Kind.NAMED_LOCATION, "Branch office", "",
                "{\"displayName\":\"Branch office\",\"isTrusted\":true,\"ipRanges\":[{\"cidrAddress\":\"203.0.113.0/24\"}]}",
                "2025-03-04T09:00:00Z");
        Event methods = policy("Update authentication methods policy", Kind.AUTH_METHODS, "", "", "", "2025-03-04T09:05:00Z");
        List<Alert> alerts = run(List.of(location, methods));
        assertThat(alerts).extracting(Alert::severity).containsExactly(Severity.LOW, Severity.LOW);
        assertThat(alerts.get(0).explanation()).contains("added named location 'Branch office' marked trusted");
        assertThat(alerts.get(1).explanation()).contains("changed the authentication policy (Update authentication methods policy");
    }

    @Test
    void aSuspiciousSignInAfterTheChangeOrLongBeforeItDoesNotMakeItCritical() {
        assertThat(run(List.of(disable("2025-03-04T09:00:00Z"), hostingSignIn("2025-03-04T09:30:00Z"))))
                .extracting(Alert::severity).containsExactly(Severity.LOW);
        assertThat(run(List.of(hostingSignIn("2025-03-03T08:00:00Z"), disable("2025-03-04T09:00:00Z"))))
                .extracting(Alert::severity).containsExactly(Severity.LOW);
    }

    @Test
    void aChangeMadeFromAnUntrustedHostingNetworkIsCritical() {
        Event fromVps = audit("Update conditional access policy").at("2025-03-04T09:00:00Z").actor(ADMIN, "203.0.113.10")
                .artifact(new Artifact.PolicyChange(Kind.CONDITIONAL_ACCESS, "Update conditional access policy", "p1",
                        "Require MFA", ENABLED, withState("disabled"))).build();
        List<Alert> alerts = new ArrayList<>();
        KeyedRuntime rt = DetectionHarness.of(new CaTamperingDetection(DetectConfig.defaults()))
                .withEnrichment(new CuratedEnrichment(TenantContext.EMPTY, ip -> ip.equals("203.0.113.10")
                        ? Optional.of(new AsnDatabase.AsnRecord(14061, "DigitalOcean")) : Optional.empty()))
                .runtime(alerts::add);
        rt.process(fromVps);
        rt.finish();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.explanation()).contains("from an untrusted hosting network");
        });
    }

    @Test
    void stateIsReleasedAfterTheWindow() {
        KeyedRuntime rt = DetectionHarness.of(new CaTamperingDetection(DetectConfig.defaults())).runtime(a -> { });
        rt.process(hostingSignIn("2025-03-04T07:00:00Z"));
        rt.process(disable("2025-03-04T09:00:00Z"));
        rt.advanceWatermark(Instant.parse("2025-03-05T00:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-25T00:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 81, 1234, 77777})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>(List.of(normalSignIn("2025-03-02T08:00:00Z"), disable("2025-03-02T09:00:00Z"),
                hostingSignIn("2025-03-04T07:00:00Z"), disable("2025-03-04T09:00:00Z"),
                policy("Delete conditional access policy", Kind.CONDITIONAL_ACCESS, "Require MFA", ENABLED, "", "2025-03-04T09:30:00Z")));
        List<Alert> inOrder = DetectionHarness.sorted(run(events));
        assertThat(inOrder).extracting(Alert::severity).containsExactly(Severity.LOW, Severity.CRITICAL, Severity.CRITICAL);

        Collections.shuffle(events, new Random(seed));
        assertThat(DetectionHarness.sorted(run(events))).isEqualTo(inOrder);
    }

    /** A Graph directoryAudits record as exported: the policies are JSON text inside the modified property. */
    @Test
    void aGraphAuditRecordDisablingAPolicyIsReadAndReported(@TempDir Path dir) throws IOException {
        String record = "{\"id\":\"IPCGraph_1\",\"category\":\"Policy\",\"result\":\"success\",\"resultReason\":\"\","
                + "\"activityDisplayName\":\"Update conditional access policy\",\"activityDateTime\":\"2025-03-04T09:00:00Z\","
                + "\"loggedByService\":\"Conditional Access\",\"operationType\":\"Update\","
                + "\"initiatedBy\":{\"user\":{\"id\":\"u1\",\"userPrincipalName\":\"admin@contoso.example\",\"ipAddress\":\"81.2.69.160\"}},"
                + "\"targetResources\":[{\"id\":\"p1\",\"displayName\":\"Require MFA\",\"type\":\"Policy\",\"modifiedProperties\":"
                + "[{\"displayName\":\"ConditionalAccessPolicy\",\"oldValue\":" + jsonString(ENABLED) + ",\"newValue\":"
                + jsonString(withState("enabledForReportingButNotEnforced")) + "}]}],\"additionalDetails\":[]}";
        Path file = dir.resolve("audit.json");
        Files.writeString(file, record + "\n");
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        new LogReader(1).read(List.of(file), events::add, Progress.NONE);

        assertThat(run(events)).singleElement().satisfies(a -> {
            assertThat(a.user()).isEqualTo(ADMIN);
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.explanation()).startsWith("admin@contoso.example updated Conditional Access policy 'Require MFA': "
                    + "state enabled → enabledForReportingButNotEnforced from 81.2.69.160");
        });
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void enablingSmsOrDisablingPasskeysInTheAuthenticationMethodsPolicyIsNamedAndWeakens() {
        String before = "{\"authenticationMethodConfigurations\":[{\"id\":\"Sms\",\"state\":\"disabled\"},"
                + "{\"id\":\"Fido2\",\"state\":\"enabled\"}]}";
        String after = "{\"authenticationMethodConfigurations\":[{\"id\":\"Sms\",\"state\":\"enabled\"},"
                + "{\"id\":\"Fido2\",\"state\":\"disabled\"}]}";
        List<Alert> alerts = run(List.of(policy("Update authentication methods policy", Kind.AUTH_METHODS, "", before, after,
                "2025-03-04T09:05:00Z")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.explanation()).contains("enabled the phishable method Sms; disabled the phishing-resistant method Fido2");
        });
    }

    @Test
    void enablingPasskeysInTheAuthenticationMethodsPolicyWeakensNothing() {
        List<Alert> alerts = run(List.of(policy("Update authentication methods policy", Kind.AUTH_METHODS, "",
                "{\"id\":\"Fido2\",\"state\":\"disabled\"}", "{\"id\":\"Fido2\",\"state\":\"enabled\"}", "2025-03-04T09:05:00Z")));

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.INFO));
    }

    private static List<Alert> run(List<? extends Event> events) {
        return DetectionHarness.of(new CaTamperingDetection(DetectConfig.defaults())).run(events);
    }
}
