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

/** {@code aitm posture} end to end through {@link Aitm#run}, as a user types it. */
class PostureCommandTest {

    static final String J0EYV = "../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original";
    static final String HARDENED = "posture/src/test/resources/assess/hardened-tenant.json";

    @Test
    void realExportWithHighFindingsWritesBothReportsAndExitsOne(@TempDir Path dir) throws IOException {
        CommandRun run = aitm("posture", J0EYV, "--out", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("Four-control score: 1 / 4", "Kill chain", "AITM-CA-002 critical",
                "CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("posture.json").toFile());
        assertThat(json.at("/policies/total").asInt()).isEqualTo(36);
        assertThat(json.at("/findings").findValuesAsText("id")).contains("AITM-CA-002", "AITM-CA-020");
        String html = Files.readString(dir.resolve("posture.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("CA205-Internals-BaseProtection-AnyApp-Windows-CompliantorAADHJ")
                .doesNotContain("<script");
    }

    @Test
    void hardenedTenantHasNothingHighAndExitsZero() {
        CommandRun run = aitm("posture", HARDENED);

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Four-control score: 3.5 / 4", "Findings (0)");
    }

    @Test
    void failOnLowersTheThreshold() {
        CommandRun run = aitm("posture", "posture/src/test/resources/assess/break-glass.json", "--fail-on", "critical");
        assertThat(run.status()).isEqualTo(ExitCodes.FINDINGS);
        run = aitm("posture", HARDENED, "--fail-on", "info");
        assertThat(run.status()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void jsonGoesToStdout() throws IOException {
        CommandRun run = aitm("posture", HARDENED, "--json");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/score/total").asDouble()).isEqualTo(3.5);
        assertThat(json.at("/breakGlass/source").asText()).isEqualTo("configured");
    }

    @Test
    void explainPrintsWhyFixAndThePublicChecksItCovers() {
        CommandRun run = aitm("posture", "--explain", "aitm-ca-019");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("AITM-CA-019", "Why it matters", "Fix", "Maester MT.1052", "ScubaGear MS.AAD.3.9v1");
    }

    @Test
    void unknownIdMissingExportAndEmptyFolderAreClearErrors(@TempDir Path empty) {
        CommandRun run = aitm("posture", "--explain", "AITM-CA-999");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown finding id AITM-CA-999");
        // as for detect and ingest: a missing path is input that could not be read, not a usage error
        run = aitm("posture", "/no/such/export");
        assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.err()).contains("/no/such/export: no such file or folder");
        run = aitm("posture", empty.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.err()).contains("no Conditional Access policy found");
    }

    @Test
    void breakGlassOptionIsUsedInsteadOfTheGuess() throws IOException {
        CommandRun run = aitm("posture", J0EYV, "--json", "--break-glass", "2802b872-ccfb-4b29-a9a9-459808dfb11b");

        assertThat(run.status()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/breakGlass/source").asText()).isEqualTo("configured");
        assertThat(json.at("/findings").findValuesAsText("id")).doesNotContain("AITM-CA-022");
    }

    @Test
    void directorySnapshotNamesTheBreakGlassAccounts(@TempDir Path dir) throws IOException {
        Path policies = dir.resolve("policies.json");
        Files.writeString(policies, """
                {"value":[{"id":"p1","displayName":"Require MFA","state":"enabled",
                  "conditions":{"clientAppTypes":["all"],"applications":{"includeApplications":["All"]},
                                "users":{"includeUsers":["All"],"excludeUsers":["bg-1"]}},
                  "grantControls":{"operator":"OR","builtInControls":["mfa"]}}]}
                """);
        Path directory = dir.resolve("directory.json");
        Files.writeString(directory, "{\"directory\":{\"breakGlass\":[\"bg-1\"]}}");

        CommandRun run = aitm("posture", policies.toString(), "--directory", directory.toString(), "--json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/breakGlass/source").asText()).isEqualTo("configured");
        assertThat(json.at("/breakGlass/ids/0").asText()).isEqualTo("bg-1");
    }

    @Test
    void refusesToWriteOverAnInputFile(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("posture.json");
        Files.copy(Path.of(HARDENED), input);
        byte[] before = Files.readAllBytes(input);

        CommandRun run = aitm("posture", input.toString(), "--out", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
        assertThat(run.err()).contains("is one of the inputs");
    }
}
