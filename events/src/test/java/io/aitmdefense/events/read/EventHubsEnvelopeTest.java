package io.aitmdefense.events.read;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Instant;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Entra diagnostic settings records in Event Hubs {@code {"records":[…]}} envelopes (log-schemas §3). */
class EventHubsEnvelopeTest {
    private static final String TENANT = "2ad3fc79-1859-42fa-9011-6f8df2251b22";

    @Test
    void oneEnvelopePerLineRoutesEveryRecordOnItsOwnCategory() {
        Reading r = Reading.of(fixture("eh-batches.ndjson"));

        assertThat(r.file().shape()).isEqualTo("diagnostic settings (Event Hubs) NDJSON");
        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().tables()).containsOnly(
                org.assertj.core.api.Assertions.entry("SigninLogs", 1L),
                org.assertj.core.api.Assertions.entry("AADNonInteractiveUserSignInLogs", 1L),
                org.assertj.core.api.Assertions.entry("AADServicePrincipalSignInLogs", 1L),
                org.assertj.core.api.Assertions.entry("AuditLogs", 1L),
                org.assertj.core.api.Assertions.entry("AADUserRiskEvents", 1L),
                org.assertj.core.api.Assertions.entry("AADRiskyUsers", 1L),
                org.assertj.core.api.Assertions.entry("MicrosoftGraphActivityLogs", 1L));
        assertThat(r.file().kinds()).containsEntry(EventKind.SIGN_IN, 3L).containsEntry(EventKind.RISK_DETECTION, 2L);
        assertThat(r.file().tables().keySet()).as("listed in name order, the same every run").containsExactly(
                "AADNonInteractiveUserSignInLogs", "AADRiskyUsers", "AADServicePrincipalSignInLogs", "AADUserRiskEvents",
                "AuditLogs", "MicrosoftGraphActivityLogs", "SigninLogs");
        assertThat(r.file().kinds().keySet()).containsExactly(EventKind.SIGN_IN, EventKind.DIRECTORY_AUDIT,
                EventKind.RISK_DETECTION, EventKind.OFFICE_ACTIVITY);
        assertThat(r.events()).extracting(e -> e.source().line()).containsExactly(1L, 1L, 1L, 2L, 2L, 3L, 3L);
        assertThat(r.events()).extracting(e -> e.source().index()).as("each record's place inside its line")
                .containsExactly(0, 1, 2, 0, 1, 0, 1);
        assertThat(r.events()).extracting(e -> e.source().toString()).doesNotHaveDuplicates();
        assertThat(r.events().get(0).source().toString()).endsWith("eh-batches.ndjson:1");
        assertThat(r.events().get(2).source().toString()).endsWith("eh-batches.ndjson:1#2");
    }

    @Test
    void interactiveSignInTakesCreatedDateTimeAndPropertiesOverTheEnvelope() {
        SignIn s = Reading.of(fixture("eh-batches.ndjson")).signIns().get(0);

        assertThat(s.category()).isEqualTo(SignIn.Category.INTERACTIVE);
        assertThat(s.time()).as("createdDateTime, not the emission time").isEqualTo(Instant.parse("2025-02-17T08:35:37.6544801Z"));
        assertThat(s.tenantId()).isEqualTo(TENANT);
        assertThat(s.asn()).as("an int in EH").isEqualTo(16509);
        assertThat(s.resourceId()).isEqualTo("00000003-0000-0000-c000-000000000000");
        assertThat(s.sessionId()).isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(s.uniqueTokenId()).hasToString("aEQ2qLOsqkS86zz3OHIeAA");
        assertThat(s.device().operatingSystem()).isEqualTo("Windows10");
        assertThat(s.geo().city()).isEqualTo("Amsterdam");
        assertThat(s.geo().country()).isEqualTo("NL");
        assertThat(s.trustedLocation()).isTrue();
        assertThat(s.namedLocations()).containsExactly("HQ egress");
        assertThat(s.authSteps()).hasSize(2);
        assertThat(s.mfaPerformed()).isTrue();
        assertThat(s.satisfiedByToken()).isFalse();
        assertThat(s.statusDetail()).isEqualTo("MFA completed in Azure AD");
        assertThat(s.caPolicies()).singleElement().satisfies(p -> assertThat(p.grantControls()).containsExactly("Mfa"));
        assertThat(s.token().incomingTokenType()).isEqualTo("none");
        assertThat(s.token().protectionCode()).isEqualTo(1002);
    }

    @Test
    void nonInteractiveAndServicePrincipalSignInsKeepTheirCategory() {
        Reading r = Reading.of(fixture("eh-batches.ndjson"));
        SignIn refresh = r.signIns().get(1);
        SignIn app = r.signIns().get(2);

        assertThat(refresh.category()).isEqualTo(SignIn.Category.NON_INTERACTIVE);
        assertThat(refresh.asn()).isEqualTo(62044);
        assertThat(refresh.satisfiedByToken()).isTrue();
        assertThat(refresh.token().incomingTokenType()).isEqualTo("primaryRefreshToken");
        assertThat(refresh.token().protectionStatus()).isEqualTo("bound");
        assertThat(refresh.device().trustType()).isEqualTo("Hybrid Azure AD joined");
        assertThat(refresh.device().managed()).isTrue();
        assertThat(refresh.resourceId()).as("no resourceId in properties: the envelope's ARM path is not a resource").isEmpty();
        assertThat(refresh.geo().country()).as("top-level location is the country").isEqualTo("FR");

        assertThat(app.category()).isEqualTo(SignIn.Category.SERVICE_PRINCIPAL);
        assertThat(app.workload()).isTrue();
        assertThat(app.appId()).isEqualTo("a7e5b4c3-2d1e-4f0a-9b8c-7d6e5f4a3b2c");
        assertThat(app.ip()).isEqualTo("20.190.128.1");
        assertThat(app.geo().hasCoordinates()).isFalse();
    }

    @Test
    void auditRecordReadsPropertiesAndTreatsNullCallerIpAsAbsent() {
        DirectoryAudit a = Reading.of(fixture("eh-batches.ndjson")).audit();

        assertThat(a.operation()).isEqualTo("Update StsRefreshTokenValidFrom Timestamp");
        assertThat(a.category()).as("the audit category from properties, not the routing category").isEqualTo("UserManagement");
        assertThat(a.time()).isEqualTo(Instant.parse("2019-06-24T09:32:07.4637225Z"));
        assertThat(a.id()).hasToString("Directory_1PF86_84995795");
        assertThat(a.actor().userPrincipalName()).isEqualTo("admin@contoso.example");
        assertThat(a.actor().ip()).isEmpty();
        assertThat(a.targets()).singleElement().satisfies(t -> assertThat(t.userPrincipalName()).isEqualTo("jane@contoso.example"));
        assertThat(a.tenantId()).isEqualTo(TENANT);
        assertThat(a.artifact()).isEmpty();
    }

    @Test
    void userRiskEventWithUsStyleEnvelopeTimeUsesActivityTime() {
        RiskDetection d = Reading.of(fixture("eh-batches.ndjson")).risks().get(0);

        assertThat(d.time()).isEqualTo(Instant.parse("2022-03-24T14:40:04.234Z"));
        assertThat(d.riskEventType()).isEqualTo("unfamiliarFeatures");
        assertThat(d.triaged()).isTrue();
        assertThat(d.requestId()).isEqualTo("33334444-5555-4666-8777-888899990000");
        assertThat(d.geo().country()).isEqualTo("US");
        assertThat(d.userAgent()).startsWith("Mozilla/5.0 (iPhone");
    }

    @Test
    void riskyUserRecordBecomesARiskyUserDetection() {
        RiskDetection d = Reading.of(fixture("eh-batches.ndjson")).risks().get(1);

        assertThat(d.riskEventType()).isEqualTo("riskyUser");
        assertThat(d.riskLevel()).isEqualTo("high");
        assertThat(d.riskState()).isEqualTo("atRisk");
        assertThat(d.time()).isEqualTo(Instant.parse("2025-02-17T11:58:00Z"));
        assertThat(d.user()).isEqualTo("jane@contoso.example");
        assertThat(d.userId()).isEqualTo("6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
    }

    @Test
    void graphActivityRequestCarriesTheEntraSessionAndToken() {
        OfficeActivity g = Reading.of(fixture("eh-batches.ndjson")).officeActivity();

        assertThat(g.workload()).isEqualTo("MicrosoftGraph");
        assertThat(g.operation()).isEqualTo("GET https://graph.microsoft.com/v1.0/me/messages");
        assertThat(g.time()).isEqualTo(Instant.parse("2025-10-02T08:56:25.0717730Z"));
        assertThat(g.sessionId()).isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(g.uniqueTokenId()).hasToString("nCIzipjKBXc87y9rpX8dAA");
        assertThat(g.ip()).isEqualTo("192.0.2.44");
        assertThat(g.userAgent()).isEqualTo("python-requests/2.32.5");
        assertThat(g.appId()).isEqualTo("a7e5b4c3-2d1e-4f0a-9b8c-7d6e5f4a3b2c");
        assertThat(g.userId()).isEqualTo("6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
        assertThat(g.success()).isTrue();
        assertThat(g.tenantId()).isEqualTo(TENANT);
    }

    @Test
    void storageAccountRecordsWithoutAnEnvelopeAreRoutedTheSameWay(@TempDir Path dir) {
        Reading r = Reading.text(dir, "PT1H.json", "{\"time\":\"2025-07-24T15:32:44Z\",\"category\":\"NonInteractiveUserSignInLogs\","
                + "\"properties\":{\"createdDateTime\":\"2025-07-24T15:32:40Z\",\"userPrincipalName\":\"jane@contoso.example\","
                + "\"ipAddress\":\"198.51.100.7\",\"homeTenantId\":\"" + TENANT + "\",\"signInTokenProtectionStatus\":\"unbound\"}}\n"
                + "{\"time\":\"2025-07-24T15:33:00Z\",\"category\":\"ProvisioningLogs\",\"properties\":{\"id\":\"x\"}}\n");

        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().skipReasons()).singleElement().asString().contains("'ProvisioningLogs' is not used");
        SignIn s = r.signIn();
        assertThat(s.category()).isEqualTo(SignIn.Category.NON_INTERACTIVE);
        assertThat(s.tenantId()).as("no top-level tenantId: the payload's").isEqualTo(TENANT);
        assertThat(s.token().protectionStatus()).as("signInTokenProtectionStatus without the details object").isEqualTo("unbound");
    }

    @Test
    void onePrettyPrintedEnvelopePerFileGivesEveryRecordWithItsLine() {
        Reading r = Reading.of(fixture("eh-one-envelope.json"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().shape()).startsWith("diagnostic settings (Event Hubs)");
        assertThat(r.signIns()).hasSize(1);
        assertThat(r.audits()).hasSize(1);
        assertThat(r.office()).hasSize(1);
        assertThat(r.signIn().sessionId()).isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(r.events()).extracting(e -> e.source().line()).as("the line of each record's opening brace")
                .containsExactly(3L, 125L, 168L);
        assertThat(r.events()).extracting(e -> e.source().index()).as("alone on its line").containsOnly(0);
    }
}
