package io.aitmdefense.cli;

import io.aitmdefense.simulate.truth.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    @Test
    void writesTheLogsOfEachChosenFormatAndTheTruth(@TempDir Path dir) throws Exception {
        int status = Aitm.run("simulate", "--users", "12", "--days", "1", "--seed", "4", "--campaigns", "1",
                "--formats", "graph,ual", "--start", "2026-03-02", "--out", dir.toString());

        assertThat(status).isZero();
        assertThat(dir.resolve("logs/graph/signIns/2026-03-02.json")).exists();
        assertThat(dir.resolve("logs/ual/Audit.Exchange/2026-03-02.json")).exists();
        GroundTruth truth = GroundTruth.read(dir.resolve("truth.json"));
        assertThat(truth.start()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(truth.formats()).containsExactly("graph", "ual");
        assertThat(truth.campaigns()).hasSize(1);
    }

    @Test
    void anUnknownFormatIsAUsageErrorAndWritesNothing(@TempDir Path dir) throws Exception {
        int status = Aitm.run("simulate", "--formats", "csv", "--out", dir.resolve("out").toString());

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
