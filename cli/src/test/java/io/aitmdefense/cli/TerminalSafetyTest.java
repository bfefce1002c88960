package io.aitmdefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log fields, file names and policy names are attacker- or tenant-controlled: whatever a command prints, an escape
 * sequence in them must reach the terminal as harmless text ({@code ?[2J}), never as ESC.
 */
class TerminalSafetyTest {
    private static final String CLEAR_SCREEN = "\u001b[2J";
    private static final Path TRAINING_LAB = DetectCommandTest.TRAINING_LAB;

    @TempDir
    Path tmp;

    @Test
    void detectPrintsHostileUserAgentsAndFileNamesWithoutTheirEscapeSequences() throws IOException {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        String signIns = Files.readString(TRAINING_LAB.resolve("sign-in_adelete.csv"), StandardCharsets.UTF_8);
        Files.writeString(logs.resolve("sign-in" + CLEAR_SCREEN + ".csv"),
                signIns.replace("Mozilla/5.0", "Mozilla/5.0 " + CLEAR_SCREEN), StandardCharsets.UTF_8);
        Files.copy(TRAINING_LAB.resolve("office_activity.csv"), logs.resolve("office_activity.csv"));
        Files.writeString(logs.resolve("broken" + CLEAR_SCREEN + ".json"), "{\"records\": [ {\"time\": ");

        CommandRun run = aitm("detect", logs.toString(), "--verbose");

        assertThat(run.out()).as("the hostile values reach the output").contains("?[2J").contains("incident");
        assertThat(run.err()).contains("broken?[2J.json");
        assertThat(run.out() + run.err()).doesNotContain("\u001b");
    }

    @Test
    void ingestPrintsHostileFileNamesWithoutTheirEscapeSequences() throws IOException {
        Path file = tmp.resolve("rules" + CLEAR_SCREEN + ".csv");
        Files.copy(TRAINING_LAB.resolve("office_activity_inbox_rule.csv"), file);

        CommandRun run = aitm("ingest", file.toString());

        assertThat(run.out()).contains("rules?[2J.csv");
        assertThat(run.out() + run.err()).doesNotContain("\u001b");
    }

    @Test
    void postureAndWhatIfPrintHostilePolicyNamesWithoutTheirEscapeSequences() throws IOException {
        Path policies = tmp.resolve("policies.json");
        Files.writeString(policies, """
                {"value":[{"id":"p1","displayName":"Require MFA \\u001b[2J\\u001b]0;owned\\u0007","state":"enabled",
                  "conditions":{"clientAppTypes":["all"],"applications":{"includeApplications":["All"]},
                                "users":{"includeUsers":["All"]}},
                  "grantControls":{"operator":"OR","builtInControls":["mfa"]}}]}
                """);

        CommandRun posture = aitm("posture", policies.toString());
        CommandRun whatIf = aitm("posture", "whatif", policies.toString(), "--user", "alice", "--app", "exchange");

        assertThat(posture.out()).contains("Require MFA ?[2J");
        assertThat(whatIf.out()).contains("Require MFA ?[2J");
        assertThat(posture.out() + posture.err() + whatIf.out() + whatIf.err()).doesNotContain("\u001b", "\u0007");
    }
}
