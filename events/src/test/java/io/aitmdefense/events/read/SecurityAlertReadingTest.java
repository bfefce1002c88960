package io.aitmdefense.events.read;

import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SecurityAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft's own alerts in the three shapes a tenant exports them: Graph {@code /security/alerts_v2} pages, Log
 * Analytics {@code SecurityAlert} rows and Defender XDR advanced hunting {@code AlertInfo}/{@code AlertEvidence} rows,
 * each recognised by content.
 */
class SecurityAlertReadingTest {
    private static final Path GRAPH_SAMPLE = Path.of("../shared/data/graph-samples/security-alerts_v2-list.json");

    @TempDir
    Path dir;

    @Test
    void theGraphDocsAlertsV2PageReadsAsOneAlertWithItsLinkTechniquesAndNoUserFromASystemProcess() {
        Reading r = Reading.of(GRAPH_SAMPLE);

        assertThat(r.file().shape()).isEqualTo("Graph page JSON");
        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().kinds()).containsEntry(EventKind.SECURITY_ALERT, 1L);
        SecurityAlert a = alerts(r).get(0);
        assertThat(a.id()).isEqualTo("da637551227677560813_-961444813");
        assertThat(a.title()).isEqualTo("Suspicious execution of hidden file");
        assertThat(a.provider()).isEqualTo("microsoftDefenderForEndpoint");
        assertThat(a.category()).isEqualTo("DefenseEvasion");
        assertThat(a.severity()).isEqualTo("low");
        assertThat(a.status()).isEqualTo("new");
        assertThat(a.classification()).isEqualTo("unknown");
        assertThat(a.tenantId()).isEqualTo("b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c");
        assertThat(a.time()).as("first activity, not when the alert was created").isEqualTo(Instant.parse("2021-04-26T07:45:50.116Z"));
        assertThat(a.techniques()).containsExactly("T1564.001");
        assertThat(a.link()).isEqualTo("https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c");
        assertThat(a.user()).as("the only account is NT AUTHORITY\\SYSTEM, which has no UPN or Entra id").isEmpty();
        assertThat(a.ips()).as("a device's own interfaces are not attacker addresses").isEmpty();
    }

    @Test
    void graphAlertTakesTheUserFromUserEvidenceAndAddressesFromIpEvidence() {
        Reading r = Reading.text(dir, "alerts.json", """
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2","value":[
                  {"@odata.type":"#microsoft.graph.security.alert","id":"fa1a2b3c4d-1111","providerAlertId":"1111",
                   "status":"new","severity":"high","classification":null,"serviceSource":"microsoftDefenderForCloudApps",
                   "detectionSource":"microsoftDefenderForCloudApps","title":"Possible AiTM phishing attempt",
                   "category":"CredentialAccess","alertWebUrl":"https://security.microsoft.com/alerts/fa1a2b3c4d-1111?tid=t1",
                   "tenantId":"t1","mitreTechniques":["T1557","T1539"],"createdDateTime":"2026-03-02T10:05:00Z",
                   "firstActivityDateTime":null,
                   "evidence":[
                     {"@odata.type":"#microsoft.graph.security.ipEvidence","roles":["attacker"],"ipAddress":"45.95.0.12","countryLetterCode":"NL"},
                     {"@odata.type":"#microsoft.graph.security.userEvidence","roles":["compromised"],
                      "userAccount":{"accountName":"jane","domainName":"contoso.example","userSid":null,
                                     "azureAdUserId":"6f1d1f0e-0000-4000-8000-00000000beef","userPrincipalName":"Jane@Contoso.example",
                                     "displayName":"Jane Doe"}}]}]}
                """);

        SecurityAlert a = alerts(r).get(0);
        assertThat(a.user()).isEqualTo("jane@contoso.example");
        assertThat(a.userId()).isEqualTo("6f1d1f0e-0000-4000-8000-00000000beef");
        assertThat(a.ips()).containsExactly("45.95.0.12");
        assertThat(a.time()).as("createdDateTime when there is no first activity").isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
        assertThat(a.classification()).isEmpty();
    }

    @Test
    void logAnalyticsSecurityAlertRowReadsAccountAndAddressFromItsEntitiesText() {
        Reading r = Reading.text(dir, "securityalert.ndjson", """
                {"TenantId":"ws-1","TimeGenerated":"2026-03-02T10:20:00Z","DisplayName":"Stolen session cookie was used","AlertName":"Stolen session cookie was used","AlertSeverity":"High","ProviderName":"MTP","ProductName":"Microsoft 365 Defender","SystemAlertId":"ee3b9d6f-0000-4000-8000-000000000001","StartTime":"2026-03-02T10:12:00Z","EndTime":"2026-03-02T10:14:00Z","Status":"New","Tactics":"CredentialAccess, DefenseEvasion","Techniques":"[\\"T1539\\",\\"T1550\\"]","AlertLink":"https://security.microsoft.com/alerts/ra123?tid=t1","CompromisedEntity":"Jane Doe","Entities":"[{\\"$id\\":\\"2\\",\\"Name\\":\\"jane\\",\\"UPNSuffix\\":\\"contoso.example\\",\\"AadUserId\\":\\"6f1d1f0e-0000-4000-8000-00000000beef\\",\\"Type\\":\\"account\\"},{\\"$id\\":\\"3\\",\\"Address\\":\\"45.95.0.12\\",\\"Type\\":\\"ip\\"},{\\"$ref\\":\\"2\\"}]","Type":"SecurityAlert"}
                """);

        assertThat(r.file().rejected()).isZero();
        SecurityAlert a = alerts(r).get(0);
        assertThat(a.id()).isEqualTo("ee3b9d6f-0000-4000-8000-000000000001");
        assertThat(a.title()).isEqualTo("Stolen session cookie was used");
        assertThat(a.provider()).isEqualTo("Microsoft 365 Defender");
        assertThat(a.severity()).isEqualTo("High");
        assertThat(a.category()).isEqualTo("CredentialAccess, DefenseEvasion");
        assertThat(a.time()).isEqualTo(Instant.parse("2026-03-02T10:12:00Z"));
        assertThat(a.user()).isEqualTo("jane@contoso.example");
        assertThat(a.ips()).containsExactly("45.95.0.12");
        assertThat(a.techniques()).containsExactly("T1539", "T1550");
        assertThat(a.link()).isEqualTo("https://security.microsoft.com/alerts/ra123?tid=t1");
    }

    @Test
    void defenderAdvancedHuntingCsvOfAlertInfoJoinedWithAlertEvidenceReadsOneAlertPerEvidenceRowWithAPortalLink() {
        Reading r = Reading.text(dir, "hunting.csv", """
                Timestamp,AlertId,Title,Category,Severity,ServiceSource,DetectionSource,AttackTechniques,EntityType,EvidenceRole,AccountUpn,AccountObjectId,RemoteIP
                2026-03-02T10:30:00Z,da638000000000000000_1,Suspicious inbox manipulation rule,DefenseEvasion,Medium,Microsoft Defender for Cloud Apps,Microsoft Defender for Cloud Apps,"[""Email Hiding Rules (T1564.008)""]",User,Impacted,jane@contoso.example,6f1d1f0e-0000-4000-8000-00000000beef,
                2026-03-02T10:30:00Z,da638000000000000000_1,Suspicious inbox manipulation rule,DefenseEvasion,Medium,Microsoft Defender for Cloud Apps,Microsoft Defender for Cloud Apps,"[""Email Hiding Rules (T1564.008)""]",Ip,Related,,,45.95.0.12
                """);

        assertThat(r.file().rejected()).as(r.rejections().toString()).isZero();
        List<SecurityAlert> alerts = alerts(r);
        assertThat(alerts).hasSize(2);
        assertThat(alerts).extracting(SecurityAlert::id).containsOnly("da638000000000000000_1");
        assertThat(alerts.get(0).user()).isEqualTo("jane@contoso.example");
        assertThat(alerts.get(0).provider()).isEqualTo("Microsoft Defender for Cloud Apps");
        assertThat(alerts.get(0).techniques()).containsExactly("Email Hiding Rules (T1564.008)");
        assertThat(alerts.get(0).link()).isEqualTo("https://security.microsoft.com/alerts/da638000000000000000_1");
        assertThat(alerts.get(1).user()).isEmpty();
        assertThat(alerts.get(1).ips()).containsExactly("45.95.0.12");
    }

    @Test
    void alertInfoRowsAsJsonAreRecognisedWithoutATypeColumn() {
        Reading r = Reading.text(dir, "alertinfo.json", """
                [{"Timestamp":"2026-03-02T10:40:00Z","AlertId":"fa1","Title":"Anomalous Token","Category":"InitialAccess","Severity":"High","ServiceSource":"AAD Identity Protection","DetectionSource":"AAD Identity Protection","AttackTechniques":"[]"}]
                """);

        SecurityAlert a = alerts(r).get(0);
        assertThat(a.title()).isEqualTo("Anomalous Token");
        assertThat(a.provider()).isEqualTo("AAD Identity Protection");
        assertThat(a.techniques()).isEmpty();
    }

    /** What the Defender advanced hunting API (and Graph runHuntingQuery) returns for an AlertInfo/AlertEvidence join. */
    @Test
    void advancedHuntingApiResponseIsReadRowByRowFromItsResults() {
        Reading r = Reading.text(dir, "hunting-api.json", """
                {
                  "Schema": [{"Name": "Timestamp", "Type": "DateTime"}, {"Name": "AlertId", "Type": "String"},
                             {"Name": "Title", "Type": "String"}, {"Name": "Severity", "Type": "String"},
                             {"Name": "AccountUpn", "Type": "String"}, {"Name": "RemoteIP", "Type": "String"}],
                  "Results": [
                    {"Timestamp": "2026-03-02T10:30:00Z", "AlertId": "da1", "Title": "Stolen session cookie was used",
                     "Severity": "High", "AccountUpn": "jane@contoso.example", "RemoteIP": ""},
                    {"Timestamp": "2026-03-02T10:30:00Z", "AlertId": "da1", "Title": "Stolen session cookie was used",
                     "Severity": "High", "AccountUpn": "", "RemoteIP": "45.95.0.12"}
                  ]
                }
                """);

        assertThat(r.file().shape()).isEqualTo("advanced hunting results JSON");
        assertThat(r.file().rejected()).isZero();
        assertThat(alerts(r)).extracting(SecurityAlert::user).containsExactly("jane@contoso.example", "");
        assertThat(alerts(r).get(0).source().line()).as("the row's own line").isEqualTo(6);
    }

    @Test
    void anAlertWithoutATitleIsRejectedWithItsLineAndTheRestIsRead() {
        Reading r = Reading.text(dir, "alerts.ndjson", """
                {"Type":"SecurityAlert","TimeGenerated":"2026-03-02T10:20:00Z","SystemAlertId":"a-1","AlertSeverity":"High"}
                {"Type":"SecurityAlert","TimeGenerated":"2026-03-02T10:21:00Z","SystemAlertId":"a-2","AlertName":"Possible AiTM phishing attempt","AlertSeverity":"High"}
                """);

        assertThat(r.rejections()).singleElement().asString().endsWith("alerts.ndjson:1: security alert a-1 has no title (title, AlertName or Title)");
        assertThat(alerts(r)).extracting(SecurityAlert::id).containsExactly("a-2");
    }

    private static List<SecurityAlert> alerts(Reading r) {
        return r.events().stream().filter(SecurityAlert.class::isInstance).map(SecurityAlert.class::cast).toList();
    }
}
