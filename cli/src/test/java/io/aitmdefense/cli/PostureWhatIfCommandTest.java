package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

class PostureWhatIfCommandTest {

    static final String BASELINE = "../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original";
    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";

    @Test
    void deviceCodeSignInIsBlockedByTheAuthenticationFlowsPolicy() {
        CommandRun run = aitm("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange",
                "--client", "mobileAppsAndDesktopClients", "--platform", "windows", "--device", "unregistered",
                "--country", "NL", "--flow", "deviceCodeFlow");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Outcome: BLOCKED")
                .contains("blocked by: CA004-Global-IdentityProtection-AnyApp-AnyPlatform-AuthenticationFlows");
        assertThat(run.err()).contains("evaluated as if the user were in none");
    }

    @Test
    void breakGlassGroupMemberIsExcludedFromTheCountryBlock() {
        // 2802b872… is the export's break-glass group (named in its Groups folder), excluded by 29 of the 36 policies.
        CommandRun run = aitm("posture", "whatif", BASELINE, "--user", "bg", "--group", "2802b872-ccfb-4b29-a9a9-459808dfb11b",
                "--app", "exchange", "--client", "browser", "--platform", "windows", "--device", "unregistered",
                "--country", "US", "--methods", "fido2");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Outcome: GRANTED").contains("user excluded by group 2802b872-ccfb-4b29-a9a9-459808dfb11b (CA-BreakGlassAccounts - Exclude)");
    }

    @Test
    void adminWithPushMfaPassesEnforcedPoliciesButReportOnlyPhishingResistantStrengthWouldInterrupt() {
        CommandRun run = aitm("posture", "whatif", BASELINE, "--user", "admin", "--role", GLOBAL_ADMIN,
                "--app", "azure-portal", "--client", "browser", "--platform", "windows", "--device", "compliant",
                "--country", "NL", "--methods", "password,microsoftAuthenticatorPush");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Outcome: GRANTED")
                .containsPattern("WOULD INTERRUPT +CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA")
                .contains("Would be, with report-only policies enforced: REQUIREMENTS_REMAINING")
                .contains("authentication strength \"Phishing-resistant MFA\"")
                .contains("session: sign-in frequency 12 hours; persistent browser never");
    }

    @Test
    void jsonOutputCarriesPerPolicyDecisionsAndBothWorlds() throws Exception {
        CommandRun run = aitm("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange",
                "--client", "browser", "--platform", "windows", "--device", "unregistered", "--country", "RU", "--json");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(run.out());
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

        CommandRun run = aitm("posture", "whatif", dir.toString(), "--user", "bob", "--app", "sharepoint");

        assertThat(run.status()).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(run.err()).contains("broken.json:2").contains("not valid JSON");
        assertThat(run.out()).contains("Outcome: BLOCKED").contains("blocked by: Block all");
    }

    @Test
    void helpDescribesTheCommand() {
        CommandRun run = aitm("posture", "whatif", "--help");

        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Evaluate one sign-in against a Conditional Access export").contains("--device-attr");
    }

    @Test
    void unknownOptionValueIsAUsageError() {
        CommandRun run = aitm("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange", "--platform", "amiga");

        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--platform: unknown value 'amiga'");
    }

    @Test
    void exactlyOneTargetIsRequired() {
        CommandRun run = aitm("posture", "whatif", BASELINE, "--user", "alice", "--app", "exchange", "--auth-context", "c1");

        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("exactly one of --app, --action or --auth-context");
    }

    @Test
    void folderWithoutPoliciesExitsWithNoInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("locations.json"), "{\"value\":[{\"@odata.type\":\"#microsoft.graph.countryNamedLocation\","
                + "\"id\":\"l1\",\"displayName\":\"NL\",\"countriesAndRegions\":[\"NL\"]}]}");

        CommandRun run = aitm("posture", "whatif", dir.toString(), "--user", "alice", "--app", "exchange");

        assertThat(run.status()).isEqualTo(ExitCodes.NO_INPUT);
    }
}
