package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors say the one thing that is wrong; detect and posture give the same status for the same situation. */
class UsageAndExitCodesTest {
    @TempDir
    Path tmp;

    @Test
    void anUnknownOptionPrintsOneLineAndWhereTheHelpIsNotTheWholeHelp() {
        for (String command : new String[] {"detect", "posture", "ingest"}) {
            CommandRun run = aitm(command, "--bogus", "x");
            assertThat(run.status()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(command).contains("Unknown option: '--bogus'")
                    .contains("Run 'aitm " + command + " --help'")
                    .doesNotContain("Usage:").doesNotContain("Exit status");
            assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(3);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aBadSeverityNamesTheChoicesInOneLine() {
        CommandRun detect = aitm("detect", "x", "--fail-on", "severe");
        CommandRun posture = aitm("posture", "x", "--fail-on", "severe");
        assertThat(detect.status()).isEqualTo(posture.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(detect.err()).contains("low, medium, high or critical").doesNotContain("Usage:");
        assertThat(posture.err()).contains("'severe' is not a severity; use info, low, medium, high or critical")
                .doesNotContain("Usage:").doesNotContain("IllegalArgumentException");
    }

    @Test
    void detectAndPostureAgreeOnTheStatusOfTheSameSituations() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String missing = tmp.resolve("no-such-export").toString();

        assertThat(aitm("detect", missing).status()).isEqualTo(aitm("posture", missing).status()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(aitm("detect", empty.toString()).status()).isEqualTo(aitm("posture", empty.toString()).status())
                .isEqualTo(ExitCodes.NO_INPUT);
        assertThat(aitm("detect").status()).isEqualTo(aitm("posture").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(aitm("detect", "--explain", "nope").status()).isEqualTo(aitm("posture", "--explain", "nope").status())
                .isEqualTo(ExitCodes.USAGE);
    }

    /** A typo in the path must not produce a clean-looking report: every output says that nothing was read. */
    @Test
    void detectOnAMissingPathOrAnEmptyFolderSaysNothingWasReadEverywhereAndFails() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (Path input : new Path[] {tmp.resolve("no-such-export"), empty}) {
            Path out = tmp.resolve("out-" + input.getFileName());
            CommandRun run = aitm("detect", input.toString(), "--out", out.toString());

            assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
            assertThat(run.out()).doesNotContain("No incidents").contains("0 events were read")
                    .contains("says nothing about the tenant");
            assertThat(Files.readString(out.resolve("report.html"))).contains("0 events were read")
                    .contains("says nothing about the tenant").doesNotContain("no detection fired");
            JsonNode doc = new ObjectMapper().readTree(out.resolve("incidents.json").toFile());
            assertThat(doc.at("/run/events").asLong()).isZero();
            assertThat(doc.at("/run/warnings/0").asText()).contains("says nothing about the tenant");

            CommandRun json = aitm("detect", input.toString(), "--json");
            assertThat(json.status()).isEqualTo(ExitCodes.NO_INPUT);
            assertThat(new ObjectMapper().readTree(json.out()).at("/run/warnings/0").asText()).contains("says nothing");
            assertThat(json.err()).contains("0 events were read");
        }
    }

    @Test
    void filesSkippedAsUnreadableAreNamedInTheReportAndTheJson() throws IOException {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.copy(DetectCommandTest.TRAINING_LAB.resolve("office_activity_inbox_rule.csv"), logs.resolve("rules.csv"));
        // a query projection without a time column: recognised as nothing the readers can use
        Files.copy(DetectCommandTest.TRAINING_LAB.resolve("AuditLogs_Hunting.csv"), logs.resolve("hunting.csv"));
        Path out = tmp.resolve("out");

        CommandRun run = aitm("detect", logs.toString(), "--out", out.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.REJECTED_INPUT);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id=\"unreadable\"").contains("hunting.csv");
        JsonNode unreadable = new ObjectMapper().readTree(out.resolve("incidents.json").toFile()).at("/run/unreadableFiles");
        assertThat(unreadable).hasSize(1);
        assertThat(unreadable.get(0).get("file").asText()).endsWith("hunting.csv");
        assertThat(unreadable.get(0).get("reason").asText()).isNotBlank();
    }
}
