package io.aitmdefense.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.Sighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** incidents.json is read back into exactly the model objects it was written from: what respond acts on. */
class IncidentsJsonTest {
    private static final Instant T0 = Instant.parse("2026-01-08T17:54:15.463Z");
    private static final String TENANT = "2ad3fc79-1859-42fa-9011-6f8df2251b22";
    private static final String M247 = "146.70.9.211";
    private static final AsnDatabase DATABASE = ip -> ip.startsWith("146.70.")
            ? Optional.of(new AsnDatabase.AsnRecord(9009, "M247 Europe SRL")) : Optional.empty();

    @TempDir
    Path tmp;

    @Test
    void anIncidentSetWithEveryArtifactAndRecordKindReadsBackEqual() throws IOException {
        IncidentSet set = withEveryArtifact();
        RunSummary run = new RunSummary(List.of("eh/signins.json", "ual/exchange.json"), 3509, 2, 1,
                Optional.of(new RunSummary.LogSpan(T0.minusSeconds(3600), T0.plusSeconds(7200))),
                List.of(new RunSummary.UnreadableFile("hunting.csv", "no time column")), Instant.parse("2026-12-06T07:00:00Z"),
                "0.2.0-test");
        assertThat(set.incidents()).hasSize(1);
        assertThat(set.notices()).hasSize(1);

        IncidentsJson.Document back = writeAndRead(set, run);

        assertThat(back.incidents()).isEqualTo(set);
        assertThat(back.run()).isEqualTo(run);
    }

    @Test
    void theBundledExampleRunReadsBackEqual() throws IOException {
        Path example = Path.of("examples/tenant-contoso");
        DetectConfig config = DetectConfig.load(example.resolve("tenant.yaml"));
        DetectionRun.Result result = DetectionRun.run(List.of(example.resolve("logs")), config,
                Enrichments.load(config, Optional.empty()), 2, Progress.NONE);
        IncidentSet set = result.incidents();
        assertThat(set.incidents()).as("the example has a campaign to compare").hasSizeGreaterThan(1);
        assertThat(set.campaigns()).isNotEmpty();
        RunSummary run = new RunSummary(List.of(example.resolve("logs").toString()), result.read().events(), 0, 0,
                Optional.empty(), List.of(), Instant.EPOCH, "test");

        assertThat(writeAndRead(set, run).incidents()).isEqualTo(set);
    }

    @Test
    void evidenceCarriesTheRecordIdAndTheIndexInsideItsLine() throws IOException {
        Path file = tmp.resolve("incidents.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            IncidentsJson.write(withEveryArtifact(), ReportFixtures.run(), out);
        }
        JsonNode evidence = new ObjectMapper().readTree(file.toFile()).at("/incidents/0/alerts/0/evidence/0");

        assertThat(evidence.path("ref").asText()).isEqualTo("eh/signins.json:1#17");
        assertThat(evidence.path("index").asInt()).isEqualTo(17);
        assertThat(evidence.path("recordId").asText()).isEqualTo("7f1c2a44-0d1e-4b5f-9a6b-2c3d4e5f6a7b");
        assertThat(evidence.path("recordIdKind").asText()).isEqualTo("sign-in-request-id");
        assertThat(evidence.path("kind").asText()).isEqualTo("sign-in");
    }

    @Test
    void theReaderNamesTheFieldItCannotUse() throws IOException {
        Path file = tmp.resolve("incidents.json");
        Files.writeString(file, IncidentsJson.toText(withEveryArtifact(), ReportFixtures.run()));
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(file.toFile());
        ((ObjectNode) doc.at("/incidents/0/alerts/1")).remove("id");
        ((ObjectNode) doc.at("/incidents/0/alerts/0/evidence/0")).put("recordIdKind", "request-guid");
        Files.writeString(file, json.writeValueAsString(doc));

        assertThatThrownBy(() -> IncidentsJson.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": incidents[0].alerts[0].evidence[0].recordIdKind: 'request-guid'");
        ((ObjectNode) doc.at("/incidents/0/alerts/0/evidence/0")).put("recordIdKind", "audit-id");
        Files.writeString(file, json.writeValueAsString(doc));
        assertThatThrownBy(() -> IncidentsJson.read(file)).hasMessage(file + ": incidents[0].alerts[1].id: missing");
    }

    @Test
    void aVersionOneFileIsRefusedWithTheSchemaItNeeds() throws IOException {
        Path file = tmp.resolve("old.json");
        Files.writeString(file, "{\"schema\":\"aitm.incidents/1\",\"incidents\":[]}");

        assertThatThrownBy(() -> IncidentsJson.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is 'aitm.incidents/1'").hasMessageContaining("aitm.incidents/2");
    }

    private IncidentsJson.Document writeAndRead(IncidentSet set, RunSummary run) throws IOException {
        Path file = tmp.resolve("incidents-" + System.nanoTime() + ".json");
        try (OutputStream out = Files.newOutputStream(file)) {
            IncidentsJson.write(set, run, out);
        }
        return IncidentsJson.readDocument(file);
    }

    /** One incident whose alerts carry every artifact type and every kind of record id, and a notice beside it. */
    static IncidentSet withEveryArtifact() {
        String user = "lukas.vance@contoso.example";
        String key = "0b7e8a52-6d3f-4f8e-8a70-1c2d3e4f5a6b";
        RecordRef signIn = new RecordRef("eh/signins.json", 1, 17, "7f1c2a44-0d1e-4b5f-9a6b-2c3d4e5f6a7b",
                RecordIdKind.SIGN_IN_REQUEST_ID);
        RecordRef rule = new RecordRef("ual/exchange.json", 229, 0, "c9a3a0c2-5bb5-4a4b-9c1a-08dd2f3c4b5e",
                RecordIdKind.UNIFIED_AUDIT_ID);
        RecordRef consent = new RecordRef("eh/audit.json", 1, 3, "Directory_4b5c6d7e", RecordIdKind.AUDIT_ID);
        RecordRef risk = new RecordRef("eh/risk.json", 1, 0, "a1b2c3", RecordIdKind.RISK_DETECTION_ID);
        RecordRef alertRecord = new RecordRef("alerts.json", 4, 0, "da6389b2", RecordIdKind.SECURITY_ALERT_ID);
        RecordRef csv = new RecordRef("export.csv", 12, 0, "", RecordIdKind.NONE);
        List<Artifact> artifacts = List.of(
                new Artifact.InboxRule("UpdateInboxRules", "", true, "{(Exists(ItemClass))}", List.of("inv.zc96e2@proton.me"),
                        List.of(), List.of(), false, true, "\\Archive", true, user, "AAMkAGI2TG93AAA="),
                new Artifact.MailForwarding("Set-Mailbox", user, List.of("smtp:out@proton.me"), false),
                new Artifact.MailboxDelegation("Add-MailboxPermission", "finance@contoso.example", user, "FullAccess"),
                new Artifact.AppConsent("0c6a3c6c-1b1a-4b8b-8f5e-7d3e2a1b0c9d", "PDF Viewer Online",
                        List.of("offline_access", "Mail.Read"), "Principal", false, "5f0e8c1a-2b3c-4d5e-6f70-8192a3b4c5d6",
                        List.of("grant-1", "grant-2")),
                new Artifact.MfaMethodChange("Authenticator App", true, false, "28c10230-6103-485e-b985-444c60001490"),
                new Artifact.DeviceRegistration("dev-1", "DESKTOP-EVIL", "Windows", "10.0.19045", "Workplace"),
                new Artifact.PolicyChange(Artifact.PolicyChange.Kind.CONDITIONAL_ACCESS, "Update conditional access policy",
                        "pol-1", "CA001-Global-AllApps-RequireMFA", "{\"state\":\"enabled\"}", "{\"state\":\"disabled\"}"));
        List<Alert> alerts = List.of(
                alert(user, key, "session-replay", KillChainStage.REPLAY, Severity.HIGH, T0, signIn, List.of(),
                        List.of(new Evidence(signIn, EventKind.SIGN_IN, T0, "sign-in from " + M247),
                                new Evidence(risk, EventKind.RISK_DETECTION, T0.plusSeconds(30), "anomalousToken"))),
                alert(user, key, "signin-then-persistence", KillChainStage.PERSISTENCE, Severity.CRITICAL,
                        T0.plusSeconds(2493), rule, artifacts,
                        List.of(new Evidence(signIn, EventKind.SIGN_IN, T0, "suspicious sign-in"),
                                new Evidence(rule, EventKind.OFFICE_ACTIVITY, T0.plusSeconds(2493), "inbox rule"),
                                new Evidence(consent, EventKind.DIRECTORY_AUDIT, T0.plusSeconds(3273), "consent"),
                                new Evidence(alertRecord, EventKind.RISK_DETECTION, T0.plusSeconds(3300), "Defender alert"),
                                new Evidence(csv, EventKind.SIGN_IN, T0.plusSeconds(3400), "row"))));
        Alert notice = alert("admin@contoso.example", "admin@contoso.example", "ca-tampering", KillChainStage.DEFENSE_EVASION,
                Severity.LOW, T0.plusSeconds(86_400), consent, List.of(artifacts.get(6)),
                List.of(new Evidence(consent, EventKind.DIRECTORY_AUDIT, T0.plusSeconds(86_400), "policy change")));
        IncidentBuilder builder = new IncidentBuilder(DetectConfig.defaults(), new CuratedEnrichment(TenantContext.EMPTY, DATABASE));
        IncidentSet set = builder.build(alerts, List.of(new Sighting("sofia.gu@contoso.example", M247, T0.plusSeconds(600), "MailItemsAccessed")));
        return set.withNotices(List.of(notice));
    }

    private static Alert alert(String user, String key, String detection, KillChainStage stage, Severity severity, Instant at,
                               RecordRef anchor, List<Artifact> artifacts, List<Evidence> evidence) {
        // like the correlating detections: the window runs from the first record to the last, the anchor is inside it
        Instant start = evidence.stream().map(Evidence::time).min(Instant::compareTo).orElse(at);
        Instant end = evidence.stream().map(Evidence::time).max(Instant::compareTo).orElse(at);
        return new Alert(Alert.idOf(TENANT, detection, key, anchor.recordId()), TENANT, key, user, detection, detection + " title",
                severity, 0.87, start, end, stage, List.of("T1539", "T1078.004"), "why " + detection,
                new Alert.Infrastructure(List.of(M247), List.of(9009), List.of("Mozilla/5.0 (X11; Linux x86_64)"),
                        List.of("2c63cab6-1c83-4c05-9b32-723e10f20a01")), artifacts, evidence);
    }
}
