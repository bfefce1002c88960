package io.aitmdefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aitm harden canary} as a user types it: the CSS file merged with the tenant's own, and its usage errors. */
class HardenCanaryCommandTest {
    static final String URL = "https://aitm.contoso.example/canary/Q2FuYXJ5VG9rZW4xMjM0NTY3.gif";

    @TempDir
    Path dir;

    @Test
    void outWritesTheCanaryBlockBesideTheTenantsOwnRulesAndASecondRunChangesNothing() throws Exception {
        Path css = dir.resolve("custom.css");
        Files.writeString(css, ".ext-header { background-color: #0b3d91; }\n");
        CommandRun run = CommandRun.aitm("harden", "canary", "--url", URL, "--out", css.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        String written = Files.readString(css);
        assertThat(written).startsWith(".ext-header { background-color: #0b3d91; }").contains("url(\"" + URL + "\")");
        assertThat(CommandRun.aitm("harden", "canary", "--url", URL, "--out", css.toString()).status()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(css)).isEqualTo(written);
    }

    @Test
    void eachUsageErrorSaysTheOneThingThatIsWrong() {
        CommandRun noUrl = CommandRun.aitm("harden", "canary", "--out", dir.resolve("x.css").toString());
        assertThat(noUrl.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(noUrl.err()).contains("--url");
        CommandRun both = CommandRun.aitm("harden", "canary", "--url", URL);
        assertThat(both.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("either --config");
        CommandRun approveFile = CommandRun.aitm("harden", "canary", "--url", URL, "--out", dir.resolve("x.css").toString(), "--approve");
        assertThat(approveFile.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(approveFile.err()).contains("nothing is sent");
        assertThat(CommandRun.aitm("harden", "canary", "--check").err()).contains("--check reads the tenant");
        assertThat(Files.exists(dir.resolve("x.css"))).isFalse();
    }
}
