package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectCommandTest {
    static final Path TRAINING_LAB = Path.of("../shared/data/logs/sentinel-training-lab");
    static final String ADELE = "adelev@m365x816222.onmicrosoft.com";
    static final String ATTACKER_IP = "175.45.176.99";

    @TempDir
    Path tmp;

    /** Runs the command with stdout and stderr captured. */
    record Run(int status, String out, String err) {
    }

    static Run aitm(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Aitm.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainingLabGivesOneIncidentForAdeleTyingTheAttackerSignInsToHerMailbox() throws IOException {
        Path out = tmp.resolve("out");
        Run run = aitm("detect", TRAINING_LAB.toString(), "--out", out.toString(), "--json");

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
        Run run = aitm("detect", golden.toString(), "--fail-on", "low");
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("No incidents");
    }

    @Test
    void refusesToWriteReportsInsideAnInputFolder() throws IOException {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.copy(TRAINING_LAB.resolve("office_activity_inbox_rule.csv"), logs.resolve("rules.csv"));
        Run run = aitm("detect", logs.toString(), "--out", logs.resolve("reports").toString());
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("inside the input").contains("Choose a folder outside the inputs");
        assertThat(logs.resolve("reports")).doesNotExist();
    }

    @Test
    void anUnknownSeverityIsAUsageErrorThatNamesTheChoices() {
        Run run = aitm("detect", TRAINING_LAB.toString(), "--fail-on", "severe");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("low, medium, high or critical");
    }

    @Test
    void noPathsIsAUsageError() {
        Run run = aitm("detect");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("PATH");
    }

    @Test
    void explainDescribesADetectionAndListsTheCatalogue() {
        Run one = aitm("detect", "--explain", "session-replay");
        assertThat(one.status()).isZero();
        assertThat(one.out()).contains("T1539").contains("Why it matters").contains("What to check next");
        Run all = aitm("detect", "--explain", "all");
        assertThat(all.out()).contains("session-replay").contains("impossible-travel");
        assertThat(aitm("detect", "--explain", "nope").status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void showConfigPrintsTheDefaultsAUserCanOverride() {
        Run run = aitm("detect", "--show-config");
        assertThat(run.out()).contains("allowedLateness").contains("session-replay:");
    }
}
