package io.aitmdefense.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationDeterminismTest {
    private static final List<OutputFormat> MIXED = List.of(OutputFormat.EVENT_HUBS, OutputFormat.MANAGEMENT_API);

    @Test
    void sameSeedWritesIdenticalBytes(@TempDir Path dir) throws Exception {
        Simulation.run(spec(11, dir.resolve("a")));
        Simulation.run(spec(11, dir.resolve("b")));

        Map<String, String> a = hashes(dir.resolve("a")), b = hashes(dir.resolve("b"));
        assertThat(a).hasSizeGreaterThan(5).containsKey("truth.json");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void differentSeedWritesDifferentLogsAndTruth(@TempDir Path dir) throws Exception {
        Simulation.run(spec(11, dir.resolve("a")));
        Simulation.run(spec(12, dir.resolve("b")));

        Map<String, String> a = hashes(dir.resolve("a")), b = hashes(dir.resolve("b"));
        assertThat(b.get("truth.json")).isNotEqualTo(a.get("truth.json"));
        assertThat(b.get("logs/eh/insights-logs-signinlogs/2026-01-05.json.gz")).isNotNull()
                .isNotEqualTo(a.get("logs/eh/insights-logs-signinlogs/2026-01-05.json.gz"));
    }

    @Test
    void refusesToWriteOverAnEarlierRun(@TempDir Path dir) throws Exception {
        Simulation.run(spec(11, dir));
        String before = hashes(dir).get("truth.json");

        assertThatThrownBy(() -> Simulation.run(spec(12, dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThat(hashes(dir).get("truth.json")).isEqualTo(before);
    }

    @Test
    void aTableNoChosenFormatCarriesIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> Simulation.run(new SimulationSpec(10, 1, 1, 0, List.of(OutputFormat.MANAGEMENT_API), dir,
                SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no chosen format carries SIGN_INS");
    }

    private static SimulationSpec spec(long seed, Path out) {
        return new SimulationSpec(30, 2, seed, 2, MIXED, out, SimulationSpec.DEFAULT_START, true, SimulationSpec.DEFAULT_DOMAIN);
    }

    /** Relative path → SHA-256 of every file under {@code root}. */
    static Map<String, String> hashes(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(root.relativize(f).toString().replace('\\', '/'), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }
}
