package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    @Test
    void writesEvalJsonBesideTheDetectorsReportsAndCheckFollowsTheGoals(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim");
        assertThat(Aitm.run("simulate", "--users", "12", "--days", "1", "--seed", "4", "--campaigns", "1",
                "--out", sim.toString())).isZero();

        int status = Aitm.run("eval", sim.toString(), "--out", dir.resolve("eval").toString(), "--check");

        JsonNode eval = new ObjectMapper().readTree(dir.resolve("eval/eval.json").toFile());
        assertThat(eval.path("tenant").path("userDays").asInt()).isEqualTo(12);
        assertThat(eval.path("goals")).hasSize(3);
        assertThat(status).isEqualTo(eval.path("goalsMet").asBoolean() ? ExitCodes.OK : ExitCodes.FINDINGS);
        assertThat(dir.resolve("eval/incidents.json")).exists();
        assertThat(dir.resolve("eval/report.html")).exists();
    }

    @Test
    void aFolderWithoutTruthIsNotASimulation(@TempDir Path dir) throws Exception {
        assertThat(Aitm.run("eval", dir.toString())).isEqualTo(ExitCodes.NO_INPUT);
    }

    @Test
    void reportsAreNeverWrittenAmongTheLogs(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim");
        assertThat(Aitm.run("simulate", "--users", "5", "--days", "1", "--campaigns", "0", "--out", sim.toString())).isZero();

        assertThat(Aitm.run("eval", sim.toString(), "--out", sim.resolve("logs/eval").toString())).isEqualTo(ExitCodes.USAGE);
    }
}
