package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aitm ingest} through {@link Aitm#run}: what it prints and the exit status scripts rely on. */
class IngestCommandTest {
    private static final String SIGN_IN = "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-02-17T08:35:37Z\","
            + "\"UserPrincipalName\":\"jane@contoso.example\",\"IPAddress\":\"203.0.113.10\",\"AppId\":\"4765445b-32c6-49b0-83e6-1d93765276ca\"}";
    private static final String RULE = "{\"CreationTime\":\"2023-05-24T15:10:53\",\"Operation\":\"New-InboxRule\",\"RecordType\":1,"
            + "\"Workload\":\"Exchange\",\"UserId\":\"jane@contoso.example\",\"ClientIP\":\"203.0.113.10:63070\","
            + "\"Parameters\":[{\"Name\":\"Name\",\"Value\":\".\"},{\"Name\":\"DeleteMessage\",\"Value\":\"True\"}]}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream oldOut, oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cleanFolderExitsZeroAndPrintsShapeTablesAndTotals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("signins.json"), SIGN_IN + "\n" + SIGN_IN + "\n");
        Files.createDirectories(dir.resolve("ual"));
        Files.writeString(dir.resolve("ual/rules.json"), "[" + RULE + "]");

        int status = Aitm.run("ingest", "--threads", "2", dir.toString());

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("shape:    Log Analytics NDJSON (UTF-8)")
                .contains("tables:   SigninLogs 2")
                .contains("events:   2 sign-in")
                .contains("events:   1 office activity")
                .contains("total: 3 events from 2 file(s), 0 rejected row(s), 0 unreadable file(s)");
    }

    @Test
    void jsonOutputCountsEventsPerKindAndRejectionsWithTheirLines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), SIGN_IN + "\n{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"never\"}\n" + SIGN_IN + "\n");
        Files.writeString(dir.resolve("b.json"), RULE + "\n");

        int status = Aitm.run("ingest", "--json", dir.toString());

        assertThat(status).isEqualTo(ExitCodes.REJECTED_INPUT);
        JsonNode json = new ObjectMapper().readTree(out());
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

        int status = Aitm.run("ingest", file.toString());

        assertThat(status).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(out()).contains("rejected: 1").contains(file + ":2: ").contains("events:   2 sign-in");
    }

    @Test
    void aFileThatIsNotALogIsOneErrorLineAndTheOthersAreStillRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "just some notes\nnothing else\n");
        Files.writeString(dir.resolve("signins.json"), SIGN_IN + "\n");

        int status = Aitm.run("ingest", dir.toString());

        assertThat(status).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(out().lines().filter(l -> l.contains("error:"))).singleElement().asString()
                .contains("not a log this tool reads");
        assertThat(out()).contains("events:   1 sign-in");
    }

    @Test
    void nothingUsableExitsFour(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("empty.json"), "");

        assertThat(Aitm.run("ingest", dir.toString())).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(out()).contains("error: empty file");
    }

    @Test
    void emptyFolderExitsFour(@TempDir Path dir) {
        assertThat(Aitm.run("ingest", dir.toString())).isEqualTo(ExitCodes.NO_INPUT);
    }

    @Test
    void missingPathIsReportedAndExitsFour(@TempDir Path dir) {
        assertThat(Aitm.run("ingest", dir.resolve("nope").toString())).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(out()).contains("no such file or folder");
    }

    @Test
    void badUsageExitsTwoWithAMessage() {
        assertThat(Aitm.run("ingest")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required parameter").contains("PATH");
        assertThat(Aitm.run("ingest", "--no-such-option", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(Aitm.run("ingest", "--threads", "many", "x")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpExplainsTheCommandAndItsExitStatuses() {
        assertThat(Aitm.run("ingest", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("Usage: aitm ingest").contains("--json").contains("--threads");
        assertThat(out().replaceAll("\\s+", " "))
                .contains("Exit status: 0 all rows read, 3 some rows or files were rejected, 4 nothing usable was read");
        assertThat(out().lines()).as("fits an 80-column terminal").allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void topLevelHelpListsTheCommandsAndVersionNamesTheTool() {
        assertThat(Aitm.run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("Usage: aitm").contains("ingest").contains("detect");
        assertThat(out().lines()).as("no ragged re-wrapped stubs").noneMatch(l -> l.trim().equals("findings at or above")
                || l.trim().equals("captures, Graph pages,"));
        out.reset();
        assertThat(Aitm.run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out()).startsWith("aitm ").contains("Java ");
    }
}
