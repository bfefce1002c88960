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

/** {@code aitm ingest} through {@link Aitm#run}: what it prints and the exit status scripts rely on. */
class IngestCommandTest {
    private static final String SIGN_IN = "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-02-17T08:35:37Z\","
            + "\"UserPrincipalName\":\"jane@contoso.example\",\"IPAddress\":\"203.0.113.10\",\"AppId\":\"4765445b-32c6-49b0-83e6-1d93765276ca\"}";
    private static final String RULE = "{\"CreationTime\":\"2023-05-24T15:10:53\",\"Operation\":\"New-InboxRule\",\"RecordType\":1,"
            + "\"Workload\":\"Exchange\",\"UserId\":\"jane@contoso.example\",\"ClientIP\":\"203.0.113.10:63070\","
            + "\"Parameters\":[{\"Name\":\"Name\",\"Value\":\".\"},{\"Name\":\"DeleteMessage\",\"Value\":\"True\"}]}";

    @Test
    void cleanFolderExitsZeroAndPrintsShapeTablesAndTotals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("signins.json"), SIGN_IN + "\n" + SIGN_IN + "\n");
        Files.createDirectories(dir.resolve("ual"));
        Files.writeString(dir.resolve("ual/rules.json"), "[" + RULE + "]");

        CommandRun run = aitm("ingest", "--threads", "2", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("shape:    Log Analytics NDJSON (UTF-8)")
                .contains("tables:   SigninLogs 2")
                .contains("events:   2 sign-in")
                .contains("events:   1 office activity")
                .contains("total: 3 events from 2 file(s), 0 rejected row(s), 0 unreadable file(s)");
    }

    @Test
    void jsonOutputCountsEventsPerKindAndRejectionsWithTheirLines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), SIGN_IN + "\n{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"never\"}\n" + SIGN_IN + "\n");
        Files.writeString(dir.resolve("b.json"), RULE + "\n");

        CommandRun run = aitm("ingest", "--json", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.REJECTED_INPUT);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/totals/events").asLong()).isEqualTo(3);
        assertThat(json.at("/totals/rejected").asLong()).isEqualTo(1);
        assertThat(json.at("/totals/unreadableFiles").asLong()).isZero();
        JsonNode a = json.at("/files/0");
        assertThat(a.get("file").asText()).endsWith("a.json");
        assertThat(a.at("/events/sign-in").asLong()).isEqualTo(2);
        assertThat(a.at("/tables/SigninLogs").asLong()).isEqualTo(3);
        assertThat(a.at("/rejections/0/line").asLong()).isEqualTo(2);
        assertThat(a.at("/rejections/0/reason").asText()).contains("unreadable timestamp 'never'");
        assertThat(json.at("/files/1/events/office-activity").asLong()).isEqualTo(1);
        assertThat(json.at("/files/1/first").asText()).isEqualTo("2023-05-24T15:10:53Z");
    }

    @Test
    void rejectedRowsAreListedAsFileLineReasonAndExitThree(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("signins.json");
        Files.writeString(file, SIGN_IN + "\n{\"Type\":\"SigninLogs\",\n" + SIGN_IN + "\n");

        CommandRun run = aitm("ingest", file.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(run.out()).contains("rejected: 1").contains(file + ":2: ").contains("events:   2 sign-in");
    }

    @Test
    void aFileThatIsNotALogIsOneErrorLineAndTheOthersAreStillRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "just some notes\nnothing else\n");
        Files.writeString(dir.resolve("signins.json"), SIGN_IN + "\n");

        CommandRun run = aitm("ingest", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(run.out().lines().filter(l -> l.contains("error:"))).singleElement().asString()
                .contains("not a log this tool reads");
        assertThat(run.out()).contains("events:   1 sign-in");
    }

    @Test
    void nothingUsableExitsFour(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("empty.json"), "");

        CommandRun run = aitm("ingest", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.out()).contains("error: empty file");
    }

    @Test
    void emptyFolderExitsFour(@TempDir Path dir) {
        CommandRun run = aitm("ingest", dir.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
    }

    @Test
    void missingPathIsReportedAndExitsFour(@TempDir Path dir) {
        CommandRun run = aitm("ingest", dir.resolve("nope").toString());
        assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.out()).contains("no such file or folder");
    }

    @Test
    void badUsageExitsTwoWithAMessage() {
        CommandRun run = aitm("ingest");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required parameter").contains("PATH");
        run = aitm("ingest", "--no-such-option", "x");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        run = aitm("ingest", "--threads", "many", "x");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpExplainsTheCommandAndItsExitStatuses() {
        CommandRun run = aitm("ingest", "--help");
        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Usage: aitm ingest").contains("--json").contains("--threads");
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("Exit status: 0 all rows read, 3 some rows or files were rejected, 4 nothing usable was read");
        assertThat(run.out().lines()).as("fits an 80-column terminal").allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void topLevelHelpListsTheCommandsAndVersionNamesTheTool() {
        CommandRun run = aitm("--help");
        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Usage: aitm").contains("ingest").contains("detect");
        assertThat(run.out().lines()).as("no ragged re-wrapped stubs").noneMatch(l -> l.trim().equals("findings at or above")
                || l.trim().equals("captures, Graph pages,"));
        run = aitm("--version");
        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("aitm ").contains("Java ");
    }
}
