package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PostureWhatIfCommandTest {

    static final String BASELINE = "../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original";
    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";

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
    void deviceCodeSignInIsBlockedByTheAuthenticationFlowsPolicy() {
        int status = Aitm.run("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange",
                "--client", "mobileAppsAndDesktopClients", "--platform", "windows", "--device", "unregistered",
                "--country", "NL", "--flow", "deviceCodeFlow");

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("Outcome: BLOCKED")
                .contains("blocked by: CA004-Global-IdentityProtection-AnyApp-AnyPlatform-AuthenticationFlows");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("evaluated as if the user were in none");
    }

    @Test
    void breakGlassGroupMemberIsExcludedFromTheCountryBlock() {
        // 2802b872… is the export's break-glass group (named in its Groups folder), excluded by 29 of the 36 policies.
        int status = Aitm.run("posture", "whatif", BASELINE, "--user", "bg", "--group", "2802b872-ccfb-4b29-a9a9-459808dfb11b",
                "--app", "exchange", "--client", "browser", "--platform", "windows", "--device", "unregistered",
                "--country", "US", "--methods", "fido2");

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("Outcome: GRANTED").contains("user excluded by group 2802b872-ccfb-4b29-a9a9-459808dfb11b (CA-BreakGlassAccounts - Exclude)");
    }

    @Test
    void adminWithPushMfaPassesEnforcedPoliciesButReportOnlyPhishingResistantStrengthWouldInterrupt() {
        int status = Aitm.run("posture", "whatif", BASELINE, "--user", "admin", "--role", GLOBAL_ADMIN,
                "--app", "azure-portal", "--client", "browser", "--platform", "windows", "--device", "compliant",
                "--country", "NL", "--methods", "password,microsoftAuthenticatorPush");

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("Outcome: GRANTED")
                .containsPattern("WOULD INTERRUPT +CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA")
                .contains("Would be, with report-only policies enforced: REQUIREMENTS_REMAINING")
                .contains("authentication strength \"Phishing-resistant MFA\"")
                .contains("session: sign-in frequency 12 hours; persistent browser never");
    }

    @Test
    void jsonOutputCarriesPerPolicyDecisionsAndBothWorlds() throws Exception {
        int status = Aitm.run("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange",
                "--client", "browser", "--platform", "windows", "--device", "unregistered", "--country", "RU", "--json");

        assertThat(status).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertThat(json.path("outcome").path("outcome").asText()).isEqualTo("BLOCKED");
        assertThat(json.path("policies")).hasSize(36);
        JsonNode ca001 = json.path("policies").get(1);
        assertThat(ca001.path("displayName").asText()).startsWith("CA001");
        assertThat(ca001.path("applicability").asText()).isEqualTo("APPLIES");
        assertThat(ca001.path("result").asText()).isEqualTo("failure");
        assertThat(json.path("withReportOnly").path("outcome").asText()).isEqualTo("BLOCKED");
    }

    @Test
    void rejectedExportFileIsReportedAndTheRestIsEvaluated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"displayName\": \"x\",\n  \"state\": ");
        Files.writeString(dir.resolve("policy.json"), "{\"displayName\":\"Block all\",\"state\":\"enabled\","
                + "\"conditions\":{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[\"All\"]}},"
                + "\"grantControls\":{\"operator\":\"OR\",\"builtInControls\":[\"block\"]}}");

        int status = Aitm.run("posture", "whatif", dir.toString(), "--user", "bob", "--app", "sharepoint");

        assertThat(status).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.json:2").contains("not valid JSON");
        assertThat(stdout()).contains("Outcome: BLOCKED").contains("blocked by: Block all");
    }

    @Test
    void helpDescribesTheCommand() {
        int status = Aitm.run("posture", "whatif", "--help");

        assertThat(status).isEqualTo(ExitCodes.OK);
        assertThat(stdout()).contains("Evaluate one sign-in against a Conditional Access export").contains("--device-attr");
    }

    @Test
    void unknownOptionValueIsAUsageError() {
        int status = Aitm.run("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange", "--platform", "amiga");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--platform: unknown value 'amiga'");
    }

    @Test
    void exactlyOneTargetIsRequired() {
        int status = Aitm.run("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange", "--auth-context", "c1");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exactly one of --app, --action or --auth-context");
    }

    @Test
    void folderWithoutPoliciesExitsWithNoInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("locations.json"), "{\"value\":[{\"@odata.type\":\"#microsoft.graph.countryNamedLocation\","
                + "\"id\":\"l1\",\"displayName\":\"NL\",\"countriesAndRegions\":[\"NL\"]}]}");

        int status = Aitm.run("posture", "whatif", dir.toString(), "--user", "alice", "--app", "exchange");

        assertThat(status).isEqualTo(ExitCodes.NO_INPUT);
    }
}
