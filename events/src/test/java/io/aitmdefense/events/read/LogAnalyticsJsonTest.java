package io.aitmdefense.events.read;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.AuthStep;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Log Analytics / Sentinel query exports as a JSON array and as NDJSON (log-schemas §2, §5, §6, §7.2). */
class LogAnalyticsJsonTest {

    @Test
    void signInLogsArrayMapsEveryConceptTheDetectionsUse() {
        Reading r = Reading.of(fixture("la-signinlogs.json"));

        assertThat(r.file().shape()).isEqualTo("Log Analytics JSON");
        assertThat(r.file().rejected()).isZero();
        SignIn s = r.signIns().get(0);
        assertThat(s.time()).isEqualTo(Instant.parse("2025-02-17T08:35:37.6544801Z"));
        assertThat(s.tenantId()).as("AADTenantId, not the workspace TenantId").isEqualTo("2ad3fc79-1859-42fa-9011-6f8df2251b22");
        assertThat(s.id()).hasToString("5f2a1e7c-33aa-4b9e-9c1d-0a1b2c3d4e5f");
        assertThat(s.correlationId()).hasToString("9d0c7a52-4f51-4e8a-9a7e-2b7f6c1d3e01");
        assertThat(s.sessionId()).as("session ids compare lower-cased").isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(s.uniqueTokenId()).as("token ids are case-sensitive").hasToString("aEQ2qLOsqkS86zz3OHIeAA");
        assertThat(s.userId()).isEqualTo("6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
        assertThat(s.userPrincipalName()).isEqualTo("Jane@Contoso.example");
        assertThat(s.user()).isEqualTo("jane@contoso.example");
        assertThat(s.userType()).isEqualTo("Member");
        assertThat(s.category()).isEqualTo(SignIn.Category.INTERACTIVE);
        assertThat(s.ip()).as("upper-case uncompressed IPv6 is canonicalised").isEqualTo("2603:10b6:5:345::11");
        assertThat(s.asn()).as("LA writes the ASN as a string").isEqualTo(16509);
        assertThat(s.userAgent()).isEqualTo("axios/1.7.9");
        assertThat(s.device().id()).isEmpty();
        assertThat(s.device().operatingSystem()).isEqualTo("Windows 10");
        assertThat(s.device().browser()).isEqualTo("Chrome 132.0.0");
        assertThat(s.device().registered()).isFalse();
        assertThat(s.geo().city()).isEqualTo("Amsterdam");
        assertThat(s.geo().country()).isEqualTo("NL");
        assertThat(s.geo().latitude()).isEqualTo(52.37403);
        assertThat(s.geo().longitude()).isEqualTo(4.88969);
        assertThat(s.namedLocations()).containsExactly("Partner VPN", "Contractors");
        assertThat(s.trustedLocation()).isFalse();
        assertThat(s.appId()).isEqualTo("4765445b-32c6-49b0-83e6-1d93765276ca");
        assertThat(s.appName()).isEqualTo("OfficeHome");
        assertThat(s.resourceId()).as("ResourceIdentity, not the ARM ResourceId column")
                .isEqualTo("00000002-0000-0ff1-ce00-000000000000");
        assertThat(s.resourceName()).isEqualTo("Office 365 Exchange Online");
        assertThat(s.clientApp()).isEqualTo("Browser");
        assertThat(s.authRequirement()).isEqualTo("singleFactorAuthentication");
        assertThat(s.authSteps()).containsExactly(new AuthStep("Previously satisfied", "", true,
                "First factor requirement satisfied by claim in the token", "Primary authentication"));
        assertThat(s.statusDetail()).isEqualTo("MFA requirement satisfied by claim in the token");
        assertThat(s.satisfiedByToken()).isTrue();
        assertThat(s.mfaPerformed()).isFalse();
        assertThat(s.success()).isTrue();
        assertThat(s.caStatus()).isEqualTo("success");
        assertThat(s.caPolicies()).as("notApplied policies are dropped").extracting(CaResult::displayName)
                .containsExactly("Require MFA", "Token protection (report-only)");
        assertThat(s.caPolicies().get(0).grantControls()).containsExactly("Mfa");
        assertThat(s.caPolicies().get(1).tokenProtection()).isTrue();
        assertThat(s.caPolicies().get(1).failed()).isTrue();
        assertThat(s.risk().levelDuringSignIn()).isEqualTo("high");
        assertThat(s.risk().levelAggregated()).isEqualTo("medium");
        assertThat(s.risk().state()).isEqualTo("atRisk");
        assertThat(s.risk().eventTypes()).containsExactly("unfamiliarFeatures", "anomalousToken");
        assertThat(s.risk().atRisk()).isTrue();
        assertThat(s.token().incomingTokenType()).isEqualTo("refreshToken");
        assertThat(s.token().issuerType()).isEqualTo("AzureAD");
        assertThat(s.token().transferMethod()).isEqualTo("deviceCodeFlow");
        assertThat(s.token().protocol()).isEqualTo("deviceCode");
        assertThat(s.token().deviceCode()).isTrue();
        assertThat(s.token().protectionStatus()).isEqualTo("unbound");
        assertThat(s.token().protectionCode()).isEqualTo(1002);
        assertThat(s.token().cae()).as("'Is CAE Token' matched space-insensitively").isTrue();
        assertThat(s.source().line()).isEqualTo(2);
    }

    @Test
    void failedSignInTakesItsErrorCodeAndReasonAndToleratesEmptyComplexColumns() {
        SignIn s = Reading.of(fixture("la-signinlogs.json")).signIns().get(1);

        assertThat(s.errorCode()).isEqualTo(50126);
        assertThat(s.success()).isFalse();
        assertThat(s.failureReason()).startsWith("Invalid username or password");
        assertThat(s.authSteps()).isEmpty();
        assertThat(s.device()).isEqualTo(io.aitmdefense.events.Device.UNKNOWN);
        assertThat(s.geo().hasCoordinates()).isFalse();
        assertThat(s.namedLocations()).isEmpty();
        assertThat(s.caPolicies()).isEmpty();
        assertThat(s.resourceId()).isEqualTo("00000003-0000-0000-c000-000000000000");
        assertThat(s.time()).isEqualTo(Instant.parse("2025-02-17T08:40:59Z"));
    }

    @Test
    void nonInteractiveNdjsonDecodesNestedColumnsWrittenAsJsonText() {
        Reading r = Reading.of(fixture("la-noninteractive.ndjson"));

        assertThat(r.file().shape()).isEqualTo("Log Analytics NDJSON");
        assertThat(r.file().tables()).containsEntry("AADNonInteractiveUserSignInLogs", 2L);
        SignIn s = r.signIns().get(0);
        assertThat(s.category()).isEqualTo(SignIn.Category.NON_INTERACTIVE);
        assertThat(s.interactive()).isFalse();
        assertThat(s.time()).isEqualTo(Instant.parse("2025-07-24T15:32:44.2442191Z"));
        assertThat(s.sessionId()).isEqualTo("22223333-4444-4555-8666-777788889999");
        assertThat(s.uniqueTokenId()).hasToString("URB3vEvKUUuClWlFhN4gAA");
        assertThat(s.asn()).isEqualTo(62044);
        assertThat(s.device()).isEqualTo(new io.aitmdefense.events.Device("11112222-3333-4444-5555-666677778888",
                "LAPTOP-JANE", "Windows10", "", "Hybrid Azure AD joined", true, true));
        assertThat(s.device().registered()).isTrue();
        assertThat(s.geo().city()).isEqualTo("Paris");
        assertThat(s.geo().country()).isEqualTo("FR");
        assertThat(s.geo().hasCoordinates()).isTrue();
        assertThat(s.namedLocations()).containsExactly("Company-Zscaler Trusted Proxy IPs");
        assertThat(s.trustedLocation()).isTrue();
        assertThat(s.statusDetail()).isEqualTo("MFA requirement satisfied by claim in the token");
        assertThat(s.satisfiedByToken()).isTrue();
        assertThat(s.caPolicies()).singleElement().satisfies(p -> {
            assertThat(p.displayName()).isEqualTo("Require compliant device");
            assertThat(p.grantControls()).containsExactly("RequireCompliantDevice");
            assertThat(p.sessionControls()).containsExactly("SignInFrequency");
        });
        assertThat(s.token().incomingTokenType()).isEqualTo("primaryRefreshToken");
        assertThat(s.token().protectionStatus()).isEqualTo("bound");
        assertThat(s.token().protectionCode()).isZero();
        assertThat(s.token().cae()).isFalse();
        assertThat(s.resourceId()).isEqualTo("26a4ae64-5862-427f-a9b0-044e62572a4f");
        assertThat(s.source().line()).isEqualTo(1);
    }

    @Test
    void nonInteractiveRowWithEveryComplexColumnEmptyStillMaps() {
        SignIn s = Reading.of(fixture("la-noninteractive.ndjson")).signIns().get(1);

        assertThat(s.source().line()).isEqualTo(2);
        assertThat(s.device()).isEqualTo(io.aitmdefense.events.Device.UNKNOWN);
        assertThat(s.errorCode()).isZero();
        assertThat(s.statusDetail()).isEmpty();
        assertThat(s.token().protectionCode()).isEqualTo(-1);
        assertThat(s.authSteps()).isEmpty();
        assertThat(s.caPolicies()).isEmpty();
    }

    @Test
    void auditLogsMapActorTargetsAndWhatWasPlanted() {
        Reading r = Reading.of(fixture("la-auditlogs.ndjson"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.audits()).hasSize(6);

        DirectoryAudit consent = r.auditOperation("Consent to application");
        assertThat(consent.time()).isEqualTo(Instant.parse("2025-11-18T19:56:44.1234567Z"));
        assertThat(consent.correlationId()).hasToString("c0000000-0000-4000-8000-000000000001");
        assertThat(consent.category()).isEqualTo("ApplicationManagement");
        assertThat(consent.service()).isEqualTo("Core Directory");
        assertThat(consent.operationType()).isEqualTo("Assign");
        assertThat(consent.actor().userPrincipalName()).isEqualTo("jane@contoso.example");
        assertThat(consent.actor().ip()).isEqualTo("203.0.113.10");
        assertThat(consent.user()).isEqualTo("jane@contoso.example");
        assertThat(consent.details()).containsEntry("User-Agent", "EvoSTS");
        assertThat(consent.targets()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("ServicePrincipal");
            assertThat(t.changes()).hasSize(6);
        });
        assertThat(consent.artifact()).get().asInstanceOf(type(Artifact.AppConsent.class)).satisfies(a -> {
            assertThat(a.appId()).isEqualTo("a7e5b4c3-2d1e-4f0a-9b8c-7d6e5f4a3b2c");
            assertThat(a.appName()).isEqualTo("Mail Sync Helper");
            assertThat(a.scopes()).containsExactly("openid", "profile", "email", "offline_access", "Mail.Read", "Mail.Send");
            assertThat(a.consentType()).isEqualTo("Principal");
            assertThat(a.adminConsent()).isFalse();
        });

        DirectoryAudit mfa = r.auditOperation("User registered security info");
        assertThat(mfa.service()).isEqualTo("Authentication Methods");
        assertThat(mfa.resultReason()).isEqualTo("User registered Authenticator App with Notification and Code");
        assertThat(mfa.artifact()).contains(new Artifact.MfaMethodChange("Authenticator App with Notification and Code", true, false, ""));

        DirectoryAudit ca = r.auditOperation("Update conditional access policy");
        assertThat(ca.id().toString()).startsWith("IPCGraph_");
        assertThat(ca.actor().ip()).as("<null> is absent").isEmpty();
        assertThat(ca.artifact()).get().asInstanceOf(type(Artifact.PolicyChange.class)).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Artifact.PolicyChange.Kind.CONDITIONAL_ACCESS);
            assertThat(p.policyId()).isEqualTo("pol-1");
            assertThat(p.policyName()).isEqualTo("Require MFA for all users");
            assertThat(p.oldValue()).contains("\"state\": \"enabled\"");
            assertThat(p.newValue()).contains("\"state\": \"disabled\"").contains("excludeUsers");
        });

        DirectoryAudit owner = r.auditOperation("Add registered owner to device");
        assertThat(owner.actor().appName()).isEqualTo("Device Registration Service");
        assertThat(owner.actor().isUser()).isFalse();
        assertThat(owner.user()).as("a service acted on the user: the target user").isEqualTo("jane@contoso.example");
        assertThat(owner.artifact()).get().asInstanceOf(type(Artifact.DeviceRegistration.class))
                .satisfies(d -> {
                    assertThat(d.deviceId()).isEqualTo("dddd1111-2222-4333-8444-555566667777");
                    assertThat(d.displayName()).isEqualTo("DESKTOP-8F3K2LQ");
                });

        DirectoryAudit device = r.auditOperation("Add device");
        assertThat(device.artifact()).contains(new Artifact.DeviceRegistration("dddd1111-2222-4333-8444-555566667777",
                "DESKTOP-8F3K2LQ", "Windows", "10.0.19045.2006", "ServerAd"));

        DirectoryAudit update = r.auditOperation("Update user");
        assertThat(update.artifact()).get().asInstanceOf(type(Artifact.MfaMethodChange.class)).satisfies(m -> {
            assertThat(m.added()).isTrue();
            assertThat(m.byAdmin()).isTrue();
        });
    }

    @Test
    void userRiskEventsMapTypeLevelStateAndUserAgent() {
        Reading r = Reading.of(fixture("la-userriskevents.json"));

        assertThat(r.risks()).hasSize(2);
        RiskDetection d = r.risks().get(0);
        assertThat(d.time()).isEqualTo(Instant.parse("2025-02-17T08:35:37.6544801Z"));
        assertThat(d.riskEventType()).isEqualTo("anomalousToken");
        assertThat(d.riskLevel()).isEqualTo("high");
        assertThat(d.riskState()).isEqualTo("atRisk");
        assertThat(d.timing()).isEqualTo("offline");
        assertThat(d.detectionSource()).isEqualTo("IdentityProtection");
        assertThat(d.activity()).isEqualTo("signin");
        assertThat(d.requestId()).isEqualTo("5f2a1e7c-33aa-4b9e-9c1d-0a1b2c3d4e5f");
        assertThat(d.correlationId()).hasToString("9d0c7a52-4f51-4e8a-9a7e-2b7f6c1d3e01");
        assertThat(d.user()).isEqualTo("jane@contoso.example");
        assertThat(d.ip()).isEqualTo("203.0.113.80");
        assertThat(d.geo().country()).isEqualTo("NG");
        assertThat(d.geo().city()).isEqualTo("Lagos");
        assertThat(d.userAgent()).isEqualTo("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)");
        assertThat(d.triaged()).isFalse();

        RiskDetection dismissed = r.risks().get(1);
        assertThat(dismissed.triaged()).isTrue();
        assertThat(dismissed.ip()).isEqualTo("2001:db8::1");
        assertThat(dismissed.geo().country()).isEqualTo("US");
        assertThat(dismissed.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
    }

    @Test
    void officeActivityMapsInboxRulesForwardingAndMailAccess() {
        Reading r = Reading.of(fixture("la-officeactivity.ndjson"));

        assertThat(r.file().rejected()).isZero();
        OfficeActivity rule = r.operation("New-InboxRule");
        assertThat(rule.recordType()).isEqualTo(1);
        assertThat(rule.workload()).isEqualTo("Exchange");
        assertThat(rule.ip()).as("[v6]:port").isEqualTo("2a01:110:8068:7:9bf8:aa87:e00a:5f1f");
        assertThat(rule.tenantId()).isEqualTo("2ad3fc79-1859-42fa-9011-6f8df2251b22");
        assertThat(rule.id()).hasToString("0a0a0a0a-1111-4222-8333-444455556666");
        assertThat(rule.success()).isTrue();
        assertThat(rule.artifact()).get().asInstanceOf(type(Artifact.InboxRule.class)).satisfies(a -> {
            assertThat(a.name()).isEqualTo(".");
            assertThat(a.forwardTo()).containsExactly("drop@attacker.example");
            assertThat(a.deletes()).isTrue();
            assertThat(a.marksRead()).isTrue();
            assertThat(a.stopsProcessing()).isTrue();
            assertThat(a.conditions()).contains("invoice;payment");
            assertThat(a.enabled()).isTrue();
        });

        OfficeActivity forwarding = r.operation("Set-Mailbox");
        assertThat(forwarding.ip()).as("ip:port").isEqualTo("203.0.113.10");
        assertThat(forwarding.artifact()).contains(new Artifact.MailForwarding("Set-Mailbox", "jane@contoso.example",
                List.of("drop@attacker.example"), true));

        OfficeActivity outlook = r.operation("UpdateInboxRules");
        assertThat(outlook.ip()).as("::ffff: mapped").isEqualTo("203.0.113.10");
        assertThat(outlook.recordType()).isEqualTo(2);
        assertThat(outlook.logonType()).isZero();
        assertThat(outlook.artifact()).get().asInstanceOf(type(Artifact.InboxRule.class)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("RSS");
            assertThat(a.forwardTo()).containsExactly("drop@attacker.example");
            assertThat(a.conditions()).isEqualTo("{(Exists(ItemClass))}");
            assertThat(a.moveToFolder()).isEqualTo("\\RSS Feeds");
            assertThat(a.stopsProcessing()).isTrue();
            assertThat(a.enabled()).isTrue();
        });

        OfficeActivity read = r.operation("MailItemsAccessed");
        assertThat(read.recordType()).isEqualTo(50);
        assertThat(read.sessionId()).as("the Entra session from AppAccessContext, not Exchange's SessionId")
                .isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(read.uniqueTokenId()).hasToString("aEQ2qLOsqkS86zz3OHIeAA");
        assertThat(read.clientAppId()).isEqualTo("4765445b-32c6-49b0-83e6-1d93765276ca");
        assertThat(read.itemCount()).isEqualTo(2);
        assertThat(read.clientInfo()).isEqualTo("Client=OWA;Action=ViaProxy");
        assertThat(read.user()).isEqualTo("jane@contoso.example");
    }
}
