package io.aitmdefense.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.IncidentSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.aitmdefense.report.ReportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REMOTE_REFERENCE =
            Pattern.compile("(?i)<[^>]*\\b(src|href|action|xlink:href|srcset|data)\\s*=\\s*[\"']?\\s*(https?:)?//[^>]*>");

    @TempDir
    Path out;

    @Test
    void writesTheThreeFilesAndLeavesOtherFilesAndNoTemporariesBehind() throws IOException {
        Files.writeString(out.resolve("notes.txt"), "mine");

        List<Path> written = ReportFiles.write(out, incidents(), run());

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("incidents.json", "alerts.ndjson", "report.html", "incidents.csv", "attacker-infrastructure.csv");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("notes.txt", "incidents.json", "alerts.ndjson", "report.html", "incidents.csv",
                            "attacker-infrastructure.csv");
        }
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aSecondRunReplacesThePreviousReport() throws IOException {
        ReportFiles.write(out, incidents(), run());
        ReportFiles.write(out, IncidentSet.EMPTY, run());

        assertThat(JSON.readTree(out.resolve("incidents.json").toFile()).path("incidents")).isEmpty();
        assertThat(Files.readString(out.resolve("alerts.ndjson"))).isEmpty();
    }

    @Test
    void incidentsJsonCarriesTheRunIncidentsTimelineInfrastructureEvidenceAndCampaigns() throws IOException {
        IncidentSet set = incidents();
        ReportFiles.write(out, set, run());

        JsonNode root = JSON.readTree(out.resolve("incidents.json").toFile());

        assertThat(root.path("schema").asText()).isEqualTo("aitm.incidents/2");
        JsonNode run = root.path("run");
        assertThat(run.path("version").asText()).isEqualTo("0.1.0-test");
        assertThat(run.path("inputs")).extracting(JsonNode::asText).containsExactly("logs/SigninLogs.json", "logs/AuditLogs.csv");
        assertThat(run.path("events").asLong()).isEqualTo(1234);
        assertThat(run.path("rejected").asLong()).isEqualTo(2);
        assertThat(run.path("late").asLong()).isEqualTo(1);
        assertThat(run.path("logs").path("first").asText()).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(run.path("generated").asText()).isEqualTo("2026-12-02T05:00:00Z");
        assertThat(root.path("counts").path("incidentsBySeverity").path("critical").asInt()).isEqualTo(1);
        assertThat(root.path("counts").path("alertsByDetection").path("session-replay").asInt()).isEqualTo(2);

        JsonNode alice = root.path("incidents").get(0);
        assertThat(alice.path("id").asText()).isEqualTo(set.incidents().get(0).id()).startsWith("inc-");
        assertThat(alice.path("user").asText()).isEqualTo("alice@contoso.com");
        assertThat(alice.path("severity").asText()).isEqualTo("critical");
        assertThat(alice.path("firstAttackerActivity").asText()).isEqualTo("2026-11-03T09:00:00Z");
        assertThat(alice.path("stages")).extracting(JsonNode::asText).containsExactly("replay", "persistence");
        assertThat(alice.path("timeline")).extracting(t -> t.path("detection").asText())
                .containsExactly("session-replay", "signin-then-persistence");
        assertThat(alice.path("timeline").get(0).path("techniques")).extracting(JsonNode::asText).containsExactly("T1539");
        JsonNode ip = alice.path("infrastructure").path("ips").get(0);
        assertThat(ip.path("ip").asText()).isEqualTo(DO_IP);
        assertThat(ip.path("asn").asInt()).isEqualTo(14061);
        assertThat(ip.path("owner").asText()).isEqualTo("DigitalOcean");
        assertThat(ip.path("kind").asText()).isEqualTo("hosting");
        assertThat(alice.path("infrastructure").path("userAgents").get(0).asText()).isEqualTo(HOSTILE_AGENT);
        assertThat(alice.path("campaign").path("otherUsers")).extracting(JsonNode::asText).containsExactly("bob@contoso.com");
        assertThat(alice.path("campaign").path("alsoSeenUsers")).extracting(JsonNode::asText).containsExactly("dave@contoso.com");
        JsonNode evidence = alice.path("alerts").get(0).path("evidence").get(0);
        assertThat(evidence.path("ref").asText()).isEqualTo("logs/SigninLogs.json:42");
        assertThat(evidence.path("line").asLong()).isEqualTo(42);
        assertThat(evidence.path("time").asText()).isEqualTo("2026-11-03T09:00:00Z");

        JsonNode campaign = root.path("campaigns").get(0);
        assertThat(campaign.path("id").asText()).isEqualTo(alice.path("campaign").path("id").asText());
        assertThat(campaign.path("users")).extracting(JsonNode::asText).containsExactly("alice@contoso.com", "bob@contoso.com");
        assertThat(campaign.path("alsoSeen").get(0).path("activity").asText()).isEqualTo("MailItemsAccessed");
    }

    @Test
    void alertsNdjsonHasOneParsableAlertPerLine() throws IOException {
        ReportFiles.write(out, incidents(), run());

        List<String> lines = Files.readAllLines(out.resolve("alerts.ndjson"));

        assertThat(lines).hasSize(alerts().size());
        for (String line : lines) {
            JsonNode alert = JSON.readTree(line);
            assertThat(alert.path("detection").asText()).isNotEmpty();
            assertThat(alert.path("evidence").get(0).path("ref").asText()).startsWith("logs/");
        }
        assertThat(JSON.readTree(lines.get(0)).path("user").asText()).isEqualTo("carol@contoso.com");
    }

    @Test
    void theHtmlReportFetchesNothing() throws IOException {
        ReportFiles.write(out, incidents(), run());
        String html = Files.readString(out.resolve("report.html"));

        assertThat(REMOTE_REFERENCE.matcher("<img class=x src='https://cdn.example/a.png'>").find()).as("the check itself").isTrue();
        assertThat(REMOTE_REFERENCE.matcher(html).find()).as("remote src/href").isFalse();
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("@import").doesNotContain("url(")
                .doesNotContain("<link").doesNotContain("<iframe").contains("default-src 'none'");
    }

    @Test
    void theHtmlReportFromBenignInputContainsNoWebAddressAtAll() throws IOException {
        ReportFiles.write(out, IncidentSet.EMPTY, run());

        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("http:").doesNotContain("https:");
    }

    @Test
    void hostileLogValuesAreEscapedInTheHtmlReport() throws IOException {
        ReportFiles.write(out, incidents(), run());
        String html = Files.readString(out.resolve("report.html"));

        assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<img src=")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Mozilla")
                .contains("&lt;img src=https://evil.example/x.png onerror=alert(2)&gt;")
                .doesNotContain("\033");
    }

    @Test
    void theHtmlReportShowsEveryEvidenceRowTimelineInfrastructureAndCampaign() throws IOException {
        IncidentSet set = incidents();
        ReportFiles.write(out, set, run(), List.of(new DetectionInfo("session-replay", "Session cookie or token replayed",
                Severity.HIGH, KillChainStage.REPLAY, List.of("T1539"), "A session moved networks.", "Dual-stack ISPs.",
                "Revoke the user's sessions.")));
        String html = Files.readString(out.resolve("report.html"));

        int evidence = set.incidents().stream().mapToInt(i -> i.alerts().stream().mapToInt(a -> a.evidence().size()).sum()).sum();
        assertThat(count(html, "<tr class=\"evidence\">")).isEqualTo(evidence).isEqualTo(3);
        assertThat(count(html, "<tr class=\"notice\">")).isEqualTo(set.notices().size()).isEqualTo(1);
        assertThat(html).contains("logs/SigninLogs.json:42", "logs/AuditLogs.csv:7", "2026-11-03 09:20:00Z");
        assertThat(count(html, "<svg class=\"timeline\"")).isEqualTo(set.incidents().size());
        assertThat(html).contains("AS14061 DigitalOcean, hosting", "Revoke the user&#39;s sessions.");
        assertThat(html).contains(set.campaigns().get(0).id(), "Also seen from this infrastructure", "dave@contoso.com");
        assertThat(html.indexOf("id=\"" + set.incidents().get(0).id() + "\""))
                .isLessThan(html.indexOf("id=\"" + set.incidents().get(1).id() + "\""));
        assertThat(html).contains("Alerts per detection", "Incidents per severity");
    }

    @Test
    void anAlertWithThousandsOfRecordsShowsTheFirstRowsAndSaysHowManyMore() throws IOException {
        Alert big = alerts().get(2);
        List<Evidence> many = new ArrayList<>();
        for (int n = 1; n <= HtmlReport.MAX_EVIDENCE_ROWS + 50; n++) {
            many.add(new Evidence(new RecordRef("logs/big.json", n, 0, "", RecordIdKind.NONE), EventKind.SIGN_IN, big.start(), "refresh " + n));
        }
        Alert heavy = new Alert(big.id(), big.tenant(), big.userKey(), big.user(), big.detectionId(), big.title(), big.severity(),
                big.confidence(), big.start(), big.end(), big.stage(), big.techniques(), big.explanation(), big.infrastructure(),
                big.artifacts(), many);
        IncidentSet set = new IncidentBuilder(DetectConfig.defaults(), new CuratedEnrichment(TenantContext.EMPTY, AsnDatabase.EMPTY))
                .build(List.of(heavy));

        ReportFiles.write(out, set, run());
        String html = Files.readString(out.resolve("report.html"));

        assertThat(count(html, "<tr class=\"evidence\">")).isEqualTo(HtmlReport.MAX_EVIDENCE_ROWS);
        assertThat(html).contains("50 more records are listed in incidents.json");
        assertThat(JSON.readTree(out.resolve("incidents.json").toFile()).path("incidents").get(0).path("alerts").get(0)
                .path("evidence")).hasSize(HtmlReport.MAX_EVIDENCE_ROWS + 50);
    }

    @Test
    void anInputFileIsNeverOverwritten() throws IOException {
        Path input = out.resolve("incidents.json");
        Files.writeString(input, "{\"records\":[]}");
        RunSummary run = new RunSummary(List.of(input.toString()), 0, 0, 0, Optional.empty(),
                List.of(), Instant.EPOCH, "test");

        assertThatThrownBy(() -> ReportFiles.write(out, incidents(), run))
                .isInstanceOf(IOException.class).hasMessageContaining("input");
        assertThat(Files.readString(input)).isEqualTo("{\"records\":[]}");
        assertThat(out.resolve("report.html")).doesNotExist();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }
}
