package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

class DetectCommandTest {
    static final Path TRAINING_LAB = Path.of("../shared/data/logs/sentinel-training-lab");
    static final String ADELE = "adelev@m365x816222.onmicrosoft.com";
    static final String ATTACKER_IP = "175.45.176.99";

    @TempDir
    Path tmp;

    @Test
    void trainingLabGivesOneIncidentForAdeleTyingTheAttackerSignInsToHerMailbox() throws IOException {
        Path out = tmp.resolve("out");
        CommandRun run = aitm("detect", TRAINING_LAB.toString(), "--out", out.toString(), "--json");

        JsonNode doc = new ObjectMapper().readTree(Files.readString(out.resolve("incidents.json")));
        JsonNode incidents = doc.get("incidents");
        assertThat(incidents).as(run.out() + run.err()).hasSize(1);
        JsonNode incident = incidents.get(0);
        assertThat(incident.get("user").asText()).isEqualToIgnoringCase(ADELE);
        assertThat(incident.toString()).contains(ATTACKER_IP);

        List<String> evidence = new ArrayList<>();
        incident.get("alerts").forEach(a -> a.get("evidence").forEach(e -> evidence.add(e.toString())));
        incident.get("attackerActivity").forEach(a -> evidence.add(a.toString()));
        assertThat(evidence).anySatisfy(e -> assertThat(e).contains("sign-in_adelete.csv"));
        assertThat(evidence).anySatisfy(e -> assertThat(e).contains("New-InboxRule"));
        assertThat(evidence).anySatisfy(e -> assertThat(e).contains("Send"));
        assertThat(evidence).anySatisfy(e -> assertThat(e).contains("MoveToDeletedItems"));
        // the one unusable file (a query projection without a time column) is reported, the rest analysed
        assertThat(run.status()).isEqualTo(ExitCodes.REJECTED_INPUT);
        assertThat(doc.get("run").get("late").asLong()).isZero();
    }

    /** The README's main job: the bundled example tenant gives one incident per campaign victim and nothing else. */
    @Test
    void bundledExampleGivesAnIncidentForEachVictimOfItsCampaignAndNoOther() throws IOException {
        Path example = Path.of("examples/tenant-contoso");
        Path out = tmp.resolve("example");
        CommandRun run = aitm("detect", example.resolve("logs").toString(), "--config",
                example.resolve("tenant.yaml").toString(), "--out", out.toString(), "--fail-on", "high");

        ObjectMapper json = new ObjectMapper();
        List<String> victims = new ArrayList<>();
        json.readTree(example.resolve("truth.json").toFile()).get("campaigns")
                .forEach(c -> c.get("victims").forEach(v -> victims.add(v.get("userPrincipalName").asText())));
        List<String> users = new ArrayList<>();
        json.readTree(out.resolve("incidents.json").toFile()).get("incidents").forEach(i -> users.add(i.get("user").asText()));

        assertThat(victims).hasSizeGreaterThan(1);
        assertThat(users).as(run.out()).containsExactlyInAnyOrderElementsOf(victims);
        assertThat(run.status()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("CAMPAIGN");
    }

    @Test
    void failOnGivesStatusOneWhenAnIncidentIsThatSevere() {
        Path signIns = TRAINING_LAB.resolve("sign-in_adelete.csv");
        Path office = TRAINING_LAB.resolve("office_activity.csv");
        assertThat(aitm("detect", signIns.toString(), office.toString(), "--fail-on", "low").status())
                .isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void cleanInputWithoutIncidentsExitsZero() {
        Path golden = Path.of("../shared/data/logs/otrf-golden-saml/AADAuditEvents.json");
        CommandRun run = aitm("detect", golden.toString(), "--fail-on", "low");
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("No incidents");
    }

    @Test
    void refusesToWriteReportsInsideAnInputFolder() throws IOException {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.copy(TRAINING_LAB.resolve("office_activity_inbox_rule.csv"), logs.resolve("rules.csv"));
        CommandRun run = aitm("detect", logs.toString(), "--out", logs.resolve("reports").toString());
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("inside the input").contains("Choose a folder outside the inputs");
        assertThat(logs.resolve("reports")).doesNotExist();
    }

    @Test
    void anUnknownSeverityIsAUsageErrorThatNamesTheChoices() {
        CommandRun run = aitm("detect", TRAINING_LAB.toString(), "--fail-on", "severe");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("low, medium, high or critical");
    }

    @Test
    void noPathsIsAUsageError() {
        CommandRun run = aitm("detect");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("PATH");
    }

    @Test
    void explainDescribesADetectionAndListsTheCatalogue() {
        CommandRun one = aitm("detect", "--explain", "session-replay");
        assertThat(one.status()).isZero();
        assertThat(one.out()).contains("T1539").contains("Why it matters").contains("What to check next");
        CommandRun all = aitm("detect", "--explain", "all");
        assertThat(all.out()).contains("session-replay").contains("impossible-travel");
        assertThat(aitm("detect", "--explain", "nope").status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void showConfigPrintsTheDefaultsAUserCanOverride() {
        CommandRun run = aitm("detect", "--show-config");
        assertThat(run.out()).contains("allowedLateness").contains("session-replay:");
    }
}
