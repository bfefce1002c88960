package io.aitmdefense.simulate.eval;

import io.aitmdefense.events.read.Progress;
import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.Simulation;
import io.aitmdefense.simulate.SimulationSpec;
import io.aitmdefense.simulate.activity.HardCases;
import io.aitmdefense.simulate.truth.GroundTruth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newer techniques on a seeded tenant where every campaign technique occurs once (residential-proxy replay, family
 * refresh-token pivot, authorization-code phishing, persistence after a pause), beside their look-alikes: phones hopping
 * from Wi-Fi to the carrier, developers whose dev box refreshes a VS Code token, Azure CLI trading one family token for
 * ARM, Key Vault and Graph at home, users' own forwarding rules. Each new detection finds every victim it applies to,
 * and the goals still hold.
 */
class NewTechniquesEvaluationTest {
    static final List<String> NEW = List.of("residential-proxy-replay", "refresh-token-pivot", "auth-code-phish",
            "persistence-after-pause", "mail-forwarding-or-hiding");

    @TempDir
    static Path dir;
    static EvalReport report;
    static GroundTruth truth;

    @BeforeAll
    static void evaluate() throws Exception {
        // nine campaigns: the first Evilginx, then every technique in turn
        Simulation.run(new SimulationSpec(70, 6, 5, 9, List.of(OutputFormat.parse("la"), OutputFormat.parse("eh")), dir,
                SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN));
        report = Evaluation.run(dir, 2, Progress.NONE).report();
        truth = GroundTruth.read(dir.resolve("truth.json"));
    }

    @Test
    void everyNewTechniqueIsPlayedAndEveryNewDetectionFindsEveryVictimItAppliesTo() {
        assertThat(truth.campaigns()).extracting(c -> c.technique().name()).contains("RESIDENTIAL_PROXY_REPLAY",
                "FAMILY_REFRESH_PIVOT", "AUTH_CODE_PHISH", "PAUSED_PERSISTENCE");
        Map<String, EvalReport.DetectionScore> byId = report.detections().stream()
                .collect(Collectors.toMap(EvalReport.DetectionScore::id, d -> d));
        for (String id : NEW) {
            EvalReport.DetectionScore d = byId.get(id);
            assertThat(d).as(id).isNotNull();
            assertThat(d.applicableVictims()).as("%s applies to victims of the seed", id).isPositive();
            assertThat(d.recall()).as("%s recall", id).hasValue(1.0);
        }
    }

    @Test
    void theLookAlikesAreThereAndRaiseNoFalseIncident() {
        Map<String, Long> hard = truth.benign().hardCases();
        assertThat(hard.get(HardCases.DEVBOX_TOKEN_REFRESHES)).isPositive();
        assertThat(hard.get(HardCases.AZURE_CLI_RESOURCE_BURSTS)).isPositive();
        assertThat(hard.get(HardCases.WIFI_CELLULAR_HOPS)).isPositive();
        for (String id : List.of("refresh-token-pivot", "auth-code-phish", "persistence-after-pause")) {
            assertThat(report.detections()).filteredOn(d -> d.id().equals(id)).singleElement()
                    .satisfies(d -> assertThat(d.falsePositives()).as("%s false alerts", id).isZero());
        }
        assertThat(report.incidents().recall()).isEqualTo(1.0);
        assertThat(report.goalsMet()).isTrue();
    }
}
