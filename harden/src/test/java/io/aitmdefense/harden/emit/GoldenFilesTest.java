package io.aitmdefense.harden.emit;

import io.aitmdefense.harden.plan.PlanFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every output format of {@code aitm harden plan} for the fixture tenant, byte for byte against the files under
 * {@code src/test/resources/golden}. After an intended change, regenerate them with
 * {@code -Dharden.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {

    static final Path GOLDEN = Path.of("harden/src/test/resources/golden");

    @TempDir
    Path out;

    @Test
    void graphJsonPowerShellTerraformAndPlanJsonMatchTheGoldenFiles() throws IOException {
        List<Path> written = PlanOutput.write(PlanFixture.plan(), Optional.empty(), out);
        assertThat(written).extracting(p -> out.relativize(p).toString().replace('\\', '/')).containsExactly(
                "graph/01-context-c2.json", "graph/02-context-c1.json",
                "graph/03-policy-c2-tenant-config.json", "graph/04-policy-c1-step-up.json",
                "graph/05-policy-token-protection.json", "graph/06-policy-sign-in-risk-step-up.json",
                "graph/07-policy-compliant-device.json", "graph/08-change-block-device-code.json",
                "graph/09-protected-actions-c2.json",
                "powershell/Apply-AitmHarden.ps1", "terraform/main.tf", "plan.json");
        if (Boolean.getBoolean("harden.updateGolden")) {
            for (Path f : written) {
                Path g = GOLDEN.resolve(out.relativize(f).toString());
                Files.createDirectories(g.getParent());
                Files.copy(f, g, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Path f : written) {
            Path g = GOLDEN.resolve(out.relativize(f).toString());
            assertThat(g).as("golden file for %s", out.relativize(f)).exists();
            assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(out.relativize(f).toString())
                    .isEqualTo(Files.readString(g, StandardCharsets.UTF_8));
        }
        try (Stream<Path> golden = Files.walk(GOLDEN)) {
            assertThat(golden.filter(Files::isRegularFile).count()).as("no stale golden files").isEqualTo(written.size());
        }
    }

    @Test
    void aFolderThatAlreadyHoldsAPlanIsNotOverwritten() throws IOException {
        PlanOutput.write(PlanFixture.plan(), Optional.empty(), out);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlanOutput.write(PlanFixture.plan(), Optional.empty(), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already holds a plan");
    }
}
