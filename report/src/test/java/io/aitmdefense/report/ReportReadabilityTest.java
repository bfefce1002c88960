package io.aitmdefense.report;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example's report reads like a brief, not a log dump: what is shown before anything is expanded stays
 * small (the report of four incidents was 25,000 px of evidence rows), and nothing a responder needs is lost.
 */
class ReportReadabilityTest {
    /** Per incident, before any {@code <details>} is opened: the summary, timeline, changes and infrastructure. */
    private static final int VISIBLE_CHARS_PER_INCIDENT = 6_000;
    private static final int VISIBLE_ROWS_PER_INCIDENT = 30;

    @Test
    void theExampleReportShowsABriefPerIncidentAndCollapsesTheEvidence() throws IOException {
        Path example = Path.of("examples/tenant-contoso");
        DetectConfig config = DetectConfig.load(example.resolve("tenant.yaml"));
        DetectionRun.Result result = DetectionRun.run(List.of(example.resolve("logs")), config,
                Enrichments.load(config, Optional.empty()), 2, Progress.NONE);
        IncidentSet set = result.incidents();
        int incidents = set.incidents().size();
        assertThat(incidents).isGreaterThan(1);
        String html = new HtmlReport(List.of()).render(set, new RunSummary(List.of("logs"), result.read().events(), 0, 0,
                Optional.empty(), List.of(), Instant.EPOCH, "test"));

        String visible = html.replaceAll("(?s)<details(?![^>]*\\bopen\\b)[^>]*>.*?</details>", "");
        String text = visible.replaceAll("(?s)<svg.*?</svg>", "").replaceAll("<[^>]+>", "");
        assertThat(text.length()).isLessThan(VISIBLE_CHARS_PER_INCIDENT * incidents);
        assertThat(count(visible, "<tr")).isLessThan(VISIBLE_ROWS_PER_INCIDENT * incidents);
        assertThat(count(visible, "<tr class=\"evidence\">")).isZero();

        int evidenceRows = count(html, "<tr class=\"evidence\">");
        int distinctRecords = set.incidents().stream().mapToInt(i -> IncidentView.records(i).size()).sum();
        assertThat(evidenceRows).as("every record is still there, once").isEqualTo(distinctRecords).isPositive();
        assertThat(html.indexOf("<section id=\"incidents\">")).isLessThan(html.indexOf("<article"));
        for (Incident i : set.incidents()) assertThat(html).contains("<a href=\"#" + i.id() + "\">", "<article id=\"" + i.id() + "\">");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }
}
