package io.aitmdefense.report;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.model.incident.IncidentSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.report.ReportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class TerminalSummaryTest {

    private static String print(TerminalSummary summary, IncidentSet set) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(set, run(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutColourEachIncidentShowsUserStagesFirstActivityAttackerAndWhy() {
        String text = print(new TerminalSummary(false, false), incidents());

        assertThat(text).doesNotContain("\033");
        assertThat(text).startsWith("2 incidents (1 critical, 1 high) from 3 alerts; 1 campaign");
        assertThat(text).contains("CRITICAL alice@contoso.com", "stages:   replay -> persistence",
                "first attacker activity: 2026-11-03 09:00:00Z",
                "attacker: 203.0.113.10; AS14061 DigitalOcean, hosting",
                "campaign: cmp-", "with bob@contoso.com, dave@contoso.com",
                "why:      Entra session 0a1b was used from 203.0.113.10",
                ": 2 users with incidents and 1 more seen on shared attacker infrastructure (IP address 203.0.113.10");
        assertThat(text.indexOf("alice@contoso.com")).isLessThan(text.indexOf("HIGH     bob@contoso.com"));
        // carol's lone impossible-travel is a notice, counted after the incidents, not an incident of its own
        assertThat(text).doesNotContain("LOW      carol@contoso.com").contains("1 notice (low-severity alerts");
    }

    @Test
    void escapeSequencesFromLogsNeverReachTheTerminal() {
        String text = print(new TerminalSummary(false, true), incidents());

        assertThat(text).doesNotContain("\033").contains("the second by curl/8.0 ?[2J?[31mpwned");
    }

    @Test
    void verboseListsEveryAlertAndItsEvidenceRecord() {
        String text = print(new TerminalSummary(false, true), incidents());

        assertThat(text).contains("evidence logs/SigninLogs.json:42", "evidence logs/AuditLogs.csv:7",
                "signin-then-persistence [high]");
        assertThat(print(new TerminalSummary(false, false), incidents())).doesNotContain("evidence logs/");
    }

    @Test
    void colourMarksSeverityWhenWanted() {
        assertThat(print(new TerminalSummary(true, false), incidents())).contains("\033[1;97;41mCRITICAL");
    }

    @Test
    void withoutVerboseOnlyTheMostSevereIncidentsAreListedAndTheRestCounted() {
        List<io.aitmdefense.model.Alert> alerts = new ArrayList<>();
        Alert template = alerts().stream().filter(a -> a.user().equals("bob@contoso.com")).findFirst().orElseThrow();
        for (int n = 0; n < TerminalSummary.MAX_INCIDENTS + 5; n++) {
            String user = "user" + n + "@contoso.com";
            alerts.add(new Alert(Alert.idOf("", template.detectionId(), user, ""), "", user, user, template.detectionId(),
                    template.title(), template.severity(), template.confidence(), template.start(), template.end(), template.stage(),
                    template.techniques(), template.explanation(), template.infrastructure(), List.of(), template.evidence()));
        }
        IncidentSet set = new IncidentBuilder(DetectConfig.defaults(),
                new CuratedEnrichment(TenantContext.EMPTY,
                        AsnDatabase.EMPTY)).build(alerts);

        String brief = print(new TerminalSummary(false, false), set);
        String full = print(new TerminalSummary(false, true), set);

        assertThat(count(brief, "  stages:")).isEqualTo(TerminalSummary.MAX_INCIDENTS);
        assertThat(brief).contains("... and 5 less severe incidents");
        assertThat(count(full, "  stages:")).isEqualTo(TerminalSummary.MAX_INCIDENTS + 5);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }

    @Test
    void aRunWithoutIncidentsSaysWhatItCovered() {
        assertThat(print(new TerminalSummary(false, false), IncidentSet.EMPTY)).isEqualTo(
                "No incidents in 1234 events (logs from 2026-11-02 09:00:00Z to 2026-11-04 09:00:00Z)." + System.lineSeparator());
    }

    /** A typo in the path or an empty export folder must not read as a clean tenant. */
    @Test
    void aRunThatReadNothingSaysItSaysNothingAboutTheTenantInsteadOfNoIncidents() {
        RunSummary nothing = new RunSummary(List.of("exports/missing"), 0, 0, 0, Optional.empty(),
                List.of(new RunSummary.UnreadableFile("exports/missing", "no such file or folder")), Instant.EPOCH, "test");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TerminalSummary(false, false).print(IncidentSet.EMPTY, nothing, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("No incidents")
                .contains("0 events were read from the 1 input file (1 unreadable)")
                .contains("says nothing about the tenant");
    }

    @Test
    void colourIsOnlyForATerminalWithoutNoColor() {
        assertThat(TerminalSummary.colourWanted(Map.of(), true)).isTrue();
        assertThat(TerminalSummary.colourWanted(Map.of(), false)).isFalse();
        assertThat(TerminalSummary.colourWanted(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(TerminalSummary.colourWanted(Map.of("NO_COLOR", ""), true)).isTrue();
        assertThat(TerminalSummary.colourWanted(Map.of("TERM", "dumb"), true)).isFalse();
    }
}
