package io.aitmdefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

class DetectExportRulesTest {
    @TempDir
    Path tmp;

    @Test
    void sentinelExportWritesOneRuleFilePerDetectionWithTheConfiguredThresholds() throws IOException {
        Path config = Files.writeString(tmp.resolve("tenant.yaml"), "detections:\n  bec-send:\n    minSends: 25\n");
        Path dir = tmp.resolve("sentinel");

        CommandRun run = aitm("detect", "--export-rules", "sentinel", dir.toString(), "--config", config.toString());

        assertThat(run.status()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(20).contains("session-replay.yaml", "bec-send.yaml", "residential-proxy-replay.yaml");
        }
        assertThat(Files.readString(dir.resolve("bec-send.yaml"))).contains("let minSends = 25;").contains("kind: Scheduled");
        assertThat(run.out()).contains("20 of 20 detections exported as Microsoft Sentinel rules");
    }

    @Test
    void sigmaExportSaysWhichDetectionsHaveNoSigmaForm() {
        CommandRun run = aitm("detect", "--export-rules", "sigma", tmp.resolve("sigma").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("7 of 20 detections exported as Sigma rules").contains("export them for Sentinel instead");
    }

    @Test
    void anUnknownFormatIsAUsageErrorNamingTheFormats() {
        CommandRun run = aitm("detect", "--export-rules", "splunk", tmp.resolve("x").toString());

        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'splunk' is not a rule format; use sentinel or sigma");
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
    }
}
