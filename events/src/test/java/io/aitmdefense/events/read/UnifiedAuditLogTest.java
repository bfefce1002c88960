package io.aitmdefense.events.read;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Office 365 Management Activity API records and Purview audit-search CSV exports (log-schemas §7, §9). */
class UnifiedAuditLogTest {

    @ParameterizedTest
    @ValueSource(strings = {"ual-management-api.json", "ual-management-api.ndjson"})
    void managementApiRecordsOfEveryWorkloadAreRead(String file) {
        Reading r = Reading.of(fixture(file));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().shape()).startsWith("unified audit log");
        assertThat(r.office()).extracting(OfficeActivity::operation)
                .containsExactlyInAnyOrder("New-InboxRule", "Send", "HardDelete", "FileDownloaded");
        assertThat(r.signIns()).hasSize(1);
        assertThat(r.audits()).hasSize(1);
    }

    @Test
    void exchangeAdminInboxRuleKeepsItsParametersAndTheEntraSession() {
        OfficeActivity rule = Reading.of(fixture("ual-management-api.json")).operation("New-InboxRule");

        assertThat(rule.time()).as("CreationTime without a zone is UTC").isEqualTo(Instant.parse("2023-05-24T15:10:53Z"));
        assertThat(rule.recordType()).isEqualTo(1);
        assertThat(rule.ip()).isEqualTo("203.0.113.10");
        assertThat(rule.tenantId()).isEqualTo("2ad3fc79-1859-42fa-9011-6f8df2251b22");
        assertThat(rule.sessionId()).as("AppAccessContext.AADSessionId, not the Exchange SessionId")
                .isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(rule.uniqueTokenId()).hasToString("aEQ2qLOsqkS86zz3OHIeAA");
        assertThat(rule.artifact()).get().asInstanceOf(type(Artifact.InboxRule.class)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("Move to RSS");
            assertThat(a.moveToFolder()).isEqualTo("RSS Feeds");
            assertThat(a.marksRead()).isTrue();
            assertThat(a.conditions()).contains("ceo@contoso.example");
            assertThat(a.recipients()).isEmpty();
        });
    }

    @Test
    void sendAndDeletionKeepSubjectsCountsAndTheOwaBrowser() {
        Reading r = Reading.of(fixture("ual-management-api.ndjson"));

        OfficeActivity send = r.operation("Send");
        assertThat(send.subject()).isEqualTo("Updated bank details for invoice 4471");
        assertThat(send.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        assertThat(send.logonType()).isZero();
        assertThat(send.mailboxOwner()).isEqualTo("jane@contoso.example");

        OfficeActivity delete = r.operation("HardDelete");
        assertThat(delete.itemCount()).isEqualTo(2);
        assertThat(delete.subject()).isEqualTo("Your verification code");
        assertThat(delete.recordType()).isEqualTo(3);
    }

    @Test
    void stsLogonBecomesASignInWithTheEntraSessionFromDeviceProperties() {
        SignIn s = Reading.of(fixture("ual-management-api.json")).signIn();

        assertThat(s.category()).isEqualTo(SignIn.Category.INTERACTIVE);
        assertThat(s.time()).isEqualTo(Instant.parse("2023-05-02T18:02:13Z"));
        assertThat(s.ip()).as("ClientIP with a port").isEqualTo("203.0.113.10");
        assertThat(s.sessionId()).isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(s.id()).hasToString("a1960000-1111-4222-8333-444455556666");
        assertThat(s.appId()).isEqualTo("89bee1f7-5e6e-4d8a-9f3d-ecd601259da7");
        assertThat(s.userAgent()).contains("Firefox/102.0");
        assertThat(s.device().trustType()).isEqualTo("Hybrid Azure AD joined");
        assertThat(s.device().operatingSystem()).isEqualTo("Windows 10");
        assertThat(s.errorCode()).isZero();
    }

    @Test
    void directoryConsentRecordBecomesAnAuditWithItsScopes() {
        DirectoryAudit a = Reading.of(fixture("ual-management-api.json")).audit();

        assertThat(a.operation()).isEqualTo("Consent to application");
        assertThat(a.user()).isEqualTo("jane@contoso.example");
        assertThat(a.actor().ip()).as("ClientIP is <null>: ActorIpAddress").isEqualTo("203.0.113.10");
        assertThat(a.details()).containsEntry("User-Agent", "EvoSTS");
        assertThat(a.artifact()).contains(new Artifact.AppConsent("a7e5b4c3-2d1e-4f0a-9b8c-7d6e5f4a3b2c", "Mail Sync Helper",
                java.util.List.of("openid", "profile", "email", "offline_access", "Mail.Read"), "Principal", false,
                "11112222-3333-4444-8555-666677778888", java.util.List.of("Ab1")));
    }

    @Test
    void outlookRuleWithTruncatedRuleActionsIsStillReportedWithTheActionsBeforeTheCut(@TempDir Path dir) {
        String actions = "[{\\\"ActionType\\\":\\\"Forward\\\",\\\"Recipients\\\":[\\\"drop@attacker.example\\\"]},"
                + "{\\\"ActionType\\\":\\\"Delete\\\"},{\\\"ActionType\\\":\\\"Redirect\\\",\\\"Recipi";
        Reading r = Reading.text(dir, "ual.json", "{\"CreationTime\":\"2024-10-28T10:34:13\",\"Operation\":\"UpdateInboxRules\","
                + "\"RecordType\":2,\"Workload\":\"Exchange\",\"UserId\":\"jane@contoso.example\",\"OperationProperties\":["
                + "{\"Name\":\"RuleName\",\"Value\":\"x\"},{\"Name\":\"RuleActions\",\"Value\":\"" + actions + "\"}]}\n");

        assertThat(r.file().rejected()).isZero();
        assertThat(r.officeActivity().artifact()).get().asInstanceOf(type(Artifact.InboxRule.class)).satisfies(a -> {
            assertThat(a.forwardTo()).containsExactly("drop@attacker.example");
            assertThat(a.deletes()).isTrue();
        });
    }

    @Test
    void outlookRuleInTheServerRuleRecipientFormYieldsTheAddresses(@TempDir Path dir) {
        String actions = "[{\\\"ActionType\\\":\\\"ForwardToRecipientsAction\\\",\\\"Recipients\\\":[{\\\"Values\\\":["
                + "{\\\"PropTag\\\":\\\"0x3001001F\\\",\\\"Value\\\":\\\"Drop Box\\\"},"
                + "{\\\"PropTag\\\":\\\"0x39FE001F\\\",\\\"Value\\\":\\\"SMTP:drop@attacker.example\\\"}]}]}]";
        Reading r = Reading.text(dir, "ual.json", "{\"CreationTime\":\"2024-10-28T10:34:13\",\"Operation\":\"UpdateInboxRules\","
                + "\"RecordType\":2,\"Workload\":\"Exchange\",\"UserId\":\"jane@contoso.example\",\"OperationProperties\":["
                + "{\"Name\":\"RuleActions\",\"Value\":\"" + actions + "\"}]}\n");

        assertThat(r.officeActivity().artifact()).get().asInstanceOf(type(Artifact.InboxRule.class))
                .satisfies(a -> assertThat(a.forwardTo()).containsExactly("drop@attacker.example"));
    }

    @Test
    void sharePointDownloadKeepsTheUserAgentAndToken() {
        OfficeActivity f = Reading.of(fixture("ual-management-api.json")).operation("FileDownloaded");

        assertThat(f.workload()).isEqualTo("SharePoint");
        assertThat(f.recordType()).isEqualTo(6);
        assertThat(f.userAgent()).isEqualTo("python-requests/2.32.5");
        assertThat(f.uniqueTokenId()).hasToString("cD3fGh5jKl7nPq9sTv1xAA");
        assertThat(f.clientAppId()).isEqualTo("d3590ed6-52b3-4102-aeff-aad2292ab01c");
        assertThat(f.objectId()).endsWith("Payroll 2025.xlsx");
    }

    @Test
    void purviewExportIsReadFromTheAuditDataColumn() {
        Reading r = Reading.of(fixture("purview-audit-export.csv"));

        assertThat(r.file().shape()).isEqualTo("Purview audit CSV");
        assertThat(r.file().rejected()).isZero();
        assertThat(r.events()).hasSize(3);
        OfficeActivity rule = r.operation("New-InboxRule");
        assertThat(rule.time()).isEqualTo(Instant.parse("2023-05-24T15:10:53Z"));
        assertThat(rule.source().line()).isEqualTo(2);
        assertThat(rule.artifact()).get().asInstanceOf(type(Artifact.InboxRule.class))
                .satisfies(a -> assertThat(a.name()).isEqualTo("Move to RSS"));
        assertThat(r.audit().artifact()).get().asInstanceOf(type(Artifact.AppConsent.class))
                .satisfies(a -> assertThat(a.scopes()).contains("Mail.Read"));
        assertThat(r.operation("FileDownloaded").uniqueTokenId()).hasToString("cD3fGh5jKl7nPq9sTv1xAA");
    }

    @Test
    void purviewCmdletExportWithOperationsAndUserIdsColumnsIsRead() {
        Reading r = Reading.of(fixture("purview-cmdlet-export.csv"));

        assertThat(r.file().rejected()).isZero();
        OfficeActivity send = r.officeActivity();
        assertThat(send.operation()).isEqualTo("Send");
        assertThat(send.time()).isEqualTo(Instant.parse("2023-09-20T04:05:03Z"));
        assertThat(send.subject()).isEqualTo("Updated bank details for invoice 4471");
    }
}
