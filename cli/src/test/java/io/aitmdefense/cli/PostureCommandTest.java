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

/** {@code aitm posture} end to end through {@link Aitm#run}, as a user types it. */
class PostureCommandTest {

    static final String J0EYV = "../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original";
    static final String HARDENED = "posture/src/test/resources/assess/hardened-tenant.json";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void realExportWithHighFindingsWritesBothReportsAndExitsOne(@TempDir Path dir) throws IOException {
        int status = Aitm.run("posture", J0EYV, "--out", dir.toString());

        assertThat(status).isEqualTo(ExitCodes.FINDINGS);
        assertThat(stdout()).contains("Four-control score: 1 / 4", "Kill chain", "AITM-CA-002 critical",
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
        int status = Aitm.run("posture", HARDENED);

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("Four-control score: 3.5 / 4", "Findings (0)");
    }

    @Test
    void failOnLowersTheThreshold() {
        assertThat(Aitm.run("posture", "posture/src/test/resources/assess/break-glass.json", "--fail-on", "critical"))
                .isEqualTo(ExitCodes.FINDINGS);
        out.reset();
        assertThat(Aitm.run("posture", HARDENED, "--fail-on", "info")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void jsonGoesToStdout() throws IOException {
        int status = Aitm.run("posture", HARDENED, "--json");

        assertThat(status).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertThat(json.at("/score/total").asDouble()).isEqualTo(3.5);
        assertThat(json.at("/breakGlass/source").asText()).isEqualTo("configured");
    }

    @Test
    void explainPrintsWhyFixAndThePublicChecksItCovers() {
        int status = Aitm.run("posture", "--explain", "aitm-ca-019");

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("AITM-CA-019", "Why it matters", "Fix", "Maester MT.1052", "ScubaGear MS.AAD.3.9v1");
    }

    @Test
    void unknownIdMissingExportAndEmptyFolderAreClearErrors(@TempDir Path empty) {
        assertThat(Aitm.run("posture", "--explain", "AITM-CA-999")).isEqualTo(ExitCodes.USAGE);
        assertThat(Aitm.run("posture", "/no/such/export")).isEqualTo(ExitCodes.USAGE);
        assertThat(Aitm.run("posture", empty.toString())).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown finding id AITM-CA-999",
                "/no/such/export: no such file or folder", "no Conditional Access policy found");
    }

    @Test
    void breakGlassOptionIsUsedInsteadOfTheGuess() throws IOException {
        int status = Aitm.run("posture", J0EYV, "--json", "--break-glass", "2802b872-ccfb-4b29-a9a9-459808dfb11b");

        assertThat(status).isEqualTo(ExitCodes.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(stdout());
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

        Aitm.run("posture", policies.toString(), "--directory", directory.toString(), "--json");

        JsonNode json = new ObjectMapper().readTree(stdout());
        assertThat(json.at("/breakGlass/source").asText()).isEqualTo("configured");
        assertThat(json.at("/breakGlass/ids/0").asText()).isEqualTo("bg-1");
    }

    @Test
    void refusesToWriteOverAnInputFile(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("posture.json");
        Files.copy(Path.of(HARDENED), input);
        byte[] before = Files.readAllBytes(input);

        int status = Aitm.run("posture", input.toString(), "--out", dir.toString());

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is one of the inputs");
    }
}
