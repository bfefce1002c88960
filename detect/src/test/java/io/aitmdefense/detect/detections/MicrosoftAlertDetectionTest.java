package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.aitmdefense.events.SampleEvents.risk;
import static org.assertj.core.api.Assertions.assertThat;

/** Microsoft's own alerts, read by the real readers from each export shape, as supporting alerts for the user. */
class MicrosoftAlertDetectionTest {
    private static final DetectConfig CONFIG = DetectConfig.defaults();

    @TempDir
    Path dir;

    @Test
    void theGraphDocsSampleIsAnEndpointAlertAndIsIgnoredWithACount() throws IOException {
        MicrosoftAlertTally tally = new MicrosoftAlertTally(CONFIG);
        List<Event> events = read(tally, Path.of("../shared/data/graph-samples/security-alerts_v2-list.json"));

        assertThat(events).as("the sample was read").hasSize(1);
        assertThat(run(events)).isEmpty();
        assertThat(tally.count(MicrosoftAlertTopics.Verdict.NOT_ABOUT_IDENTITY)).isEqualTo(1);
        assertThat(tally.summary()).isEqualTo("1 Microsoft alert row(s) read: 0 used by microsoft-alert; ignored: 1 not about "
                + "phishing, session theft or the mailbox ('Suspicious execution of hidden file' ×1).");
    }

    @Test
    void aGraphAitmPhishingAlertBecomesTheUsersAlertAtMicrosoftsSeverityWithItsIdAndLink() throws IOException {
        List<Alert> alerts = run(read(null, write("alerts.json", graphAlert("fa-1", "Possible AiTM phishing attempt", "high", "new", "unknown"))));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("microsoft-alert");
            assertThat(a.user()).isEqualTo("jane@contoso.example");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.stage()).isEqualTo(KillChainStage.COOKIE_THEFT);
            assertThat(a.techniques()).containsExactly("T1557", "T1539");
            assertThat(a.start()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(a.explanation()).isEqualTo("microsoftDefenderForCloudApps raised 'Possible AiTM phishing attempt' (high, "
                    + "alert fa-1) for jane@contoso.example at 2026-03-02T10:00:00Z involving 45.95.0.12: an adversary-in-the-middle "
                    + "phishing page captured or tried to capture the user's sign-in. Microsoft's alert: "
                    + "https://security.microsoft.com/alerts/fa-1?tid=t1");
            assertThat(a.infrastructure().ips()).containsExactly("45.95.0.12");
            assertThat(a.evidence()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(EventKind.SECURITY_ALERT));
        });
    }

    @Test
    void anAlertClassifiedFalsePositiveIsNotRaisedAndIsCountedAsDismissed() throws IOException {
        MicrosoftAlertTally tally = new MicrosoftAlertTally(CONFIG);
        List<Event> events = read(tally, write("alerts.json",
                graphAlert("fa-2", "Stolen session cookie was used", "high", "resolved", "falsePositive")));

        assertThat(events).hasSize(1);
        assertThat(run(events)).isEmpty();
        assertThat(tally.count(MicrosoftAlertTopics.Verdict.DISMISSED)).isEqualTo(1);
    }

    /** Log Analytics keeps a row per update of an alert: one alert, and a dismissal in any row wins, in any order. */
    @Test
    void securityAlertUpdatesOfOneAlertAreRaisedOnceAndADismissedUpdateSilencesItWhateverTheOrder() throws IOException {
        String created = laRow("ee-1", "New", "10:13:00");
        String updated = laRow("ee-1", "InProgress", "10:40:00");
        String dismissed = laRow("ee-1", "Dismissed", "11:05:00");

        List<Event> twoUpdates = read(null, write("a.ndjson", created + "\n" + updated + "\n"));
        List<Alert> alerts = run(twoUpdates);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Microsoft alert: Stolen session cookie was used");
            assertThat(a.stage()).isEqualTo(KillChainStage.REPLAY);
            assertThat(a.evidence()).hasSize(2);
        });
        List<Event> reversed = new ArrayList<>(twoUpdates);
        Collections.reverse(reversed);
        assertThat(run(reversed)).isEqualTo(alerts);

        List<Event> withDismissal = read(null, write("b.ndjson", dismissed + "\n" + created + "\n" + updated + "\n"));
        assertThat(withDismissal).hasSize(3);
        assertThat(run(withDismissal)).isEmpty();
    }

    @Test
    void advancedHuntingInboxRuleAlertIsAMediumPersistenceAlertAndItsEvidenceRowsWithoutAUserAreLeftAside() throws IOException {
        MicrosoftAlertTally tally = new MicrosoftAlertTally(CONFIG);
        List<Event> events = read(tally, write("hunting.csv", """
                Timestamp,AlertId,Title,Category,Severity,ServiceSource,AttackTechniques,EntityType,AccountUpn,AccountObjectId,RemoteIP
                2026-03-02T10:30:00Z,da1,Suspicious inbox manipulation rule,DefenseEvasion,Medium,Microsoft Defender for Cloud Apps,"[""Email Hiding Rules (T1564.008)""]",User,jane@contoso.example,,
                2026-03-02T10:30:00Z,da1,Suspicious inbox manipulation rule,DefenseEvasion,Medium,Microsoft Defender for Cloud Apps,"[""Email Hiding Rules (T1564.008)""]",Ip,,,45.95.0.12
                2026-03-02T10:31:00Z,da2,Suspicious PowerShell command line,Execution,Medium,Microsoft Defender for Endpoint,[],User,jane@contoso.example,,
                """));

        assertThat(run(events)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.stage()).isEqualTo(KillChainStage.PERSISTENCE);
            assertThat(a.explanation()).contains("'Suspicious inbox manipulation rule' (Medium, alert da1)")
                    .endsWith("Microsoft's alert: https://security.microsoft.com/alerts/da1");
        });
        assertThat(Map.of("used", tally.count(MicrosoftAlertTopics.Verdict.USED),
                "noUser", tally.count(MicrosoftAlertTopics.Verdict.NO_USER),
                "other", tally.count(MicrosoftAlertTopics.Verdict.NOT_ABOUT_IDENTITY)))
                .isEqualTo(Map.of("used", 1L, "noUser", 1L, "other", 1L));
    }

    @Test
    void theMicrosoftAlertJoinsTheIncidentOfTheUsersOtherAlerts() throws IOException {
        List<Event> events = new ArrayList<>(read(null, write("alerts.json",
                graphAlert("fa-3", "Possible AiTM phishing attempt", "medium", "new", "unknown"))));
        events.add(risk("anomalousToken").at("2026-03-02T10:20:00Z").level("high").build());
        events.sort(Comparator.comparing(Event::time));
        List<Alert> alerts = DetectionHarness.of(new MicrosoftAlertDetection(CONFIG), new RiskAnomalousTokenDetection(CONFIG)).run(events);

        List<Incident> incidents = new IncidentBuilder(CONFIG, new CuratedEnrichment(TenantContext.EMPTY, AsnDatabase.EMPTY))
                .build(alerts).incidents();
        assertThat(incidents).singleElement().satisfies(i -> assertThat(i.alerts()).extracting(Alert::detectionId)
                .containsExactlyInAnyOrder("microsoft-alert", "risk-anomalous-token"));
    }

    @Test
    void configuredTitlesDecideTheTopicAndUnknownSeverityWordsCountAsMedium() {
        MicrosoftAlertTopics topics = MicrosoftAlertTopics.of(DetectConfig.of(Map.of("detections",
                Map.of("microsoft-alert", Map.of("sessionTitles", List.of("Unfamiliar sign-in properties"))))));
        io.aitmdefense.events.SecurityAlert a = new io.aitmdefense.events.SecurityAlert(Instant.EPOCH,
                new io.aitmdefense.events.Source("x", 1), "", "id", "", "Unfamiliar sign-in properties", "", "", "", "",
                "", "jane@contoso.example", List.of(), List.of(), "");

        assertThat(topics.topic(a)).contains(MicrosoftAlertTopics.Topic.SESSION_THEFT);
        assertThat(MicrosoftAlertTopics.of(CONFIG).topic(a)).isEmpty();
        assertThat(MicrosoftAlertTopics.severity("")).isEqualTo(Severity.MEDIUM);
        assertThat(MicrosoftAlertTopics.severity("Informational")).isEqualTo(Severity.INFO);
    }

    private static String graphAlert(String id, String title, String severity, String status, String classification) {
        return """
                {"value":[{"@odata.type":"#microsoft.graph.security.alert","id":"%s","providerAlertId":"%s","status":"%s",
                  "severity":"%s","classification":"%s","serviceSource":"microsoftDefenderForCloudApps","title":"%s",
                  "category":"CredentialAccess","alertWebUrl":"https://security.microsoft.com/alerts/%s?tid=t1","tenantId":"11111111-2222-3333-4444-555555555555",
                  "mitreTechniques":["T1557"],"createdDateTime":"2026-03-02T10:05:00Z","firstActivityDateTime":"2026-03-02T10:00:00Z",
                  "evidence":[{"@odata.type":"#microsoft.graph.security.ipEvidence","roles":["attacker"],"ipAddress":"45.95.0.12"},
                    {"@odata.type":"#microsoft.graph.security.userEvidence","roles":["compromised"],
                     "userAccount":{"accountName":"jane","userPrincipalName":"jane@contoso.example","azureAdUserId":null}}]}]}
                """.formatted(id, id, status, severity, classification, title, id);
    }

    private static String laRow(String id, String status, String generatedAt) {
        return ("{\"TimeGenerated\":\"2026-03-02T" + generatedAt + "Z\",\"AlertName\":\"Stolen session cookie was used\","
                + "\"AlertSeverity\":\"High\",\"ProductName\":\"Microsoft 365 Defender\",\"SystemAlertId\":\"" + id + "\","
                + "\"StartTime\":\"2026-03-02T10:12:00Z\",\"Status\":\"" + status + "\",\"AlertLink\":\"https://security.microsoft.com/alerts/" + id + "\","
                + "\"Entities\":\"[{\\\"Name\\\":\\\"jane\\\",\\\"UPNSuffix\\\":\\\"contoso.example\\\",\\\"Type\\\":\\\"account\\\"}]\","
                + "\"Type\":\"SecurityAlert\"}");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<Event> read(MicrosoftAlertTally tally, Path file) throws IOException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        new LogReader(1).read(List.of(file), e -> {
            events.add(e);
            if (tally != null) tally.accept(e);
        }, Progress.NONE);
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing((Event e) -> e.source().line()));
        return sorted;
    }

    private static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new MicrosoftAlertDetection(CONFIG)).run(events);
    }
}
