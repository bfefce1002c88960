package io.aitmdefense.simulate.eval;

import io.aitmdefense.events.read.Progress;
import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.Simulation;
import io.aitmdefense.simulate.SimulationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goals of issue 4 on a small seeded tenant, every table in a different export format: every victim whose attacker
 * replayed or persisted becomes an incident, at least 95% of incidents are real, at most one false incident per
 * 10,000 user-days.
 */
class EvaluationGoalsTest {

    private static EvalReport evaluateSmallTenant(Path dir) throws Exception {
        List<OutputFormat> mixed = List.of(OutputFormat.parse("ual"), OutputFormat.parse("graph"), OutputFormat.parse("eh"),
                OutputFormat.parse("la"));
        Simulation.run(new SimulationSpec(60, 3, 11, 3, mixed, dir, SimulationSpec.DEFAULT_START, false,
                SimulationSpec.DEFAULT_DOMAIN));
        EvalReport report = Evaluation.run(dir, 2, Progress.NONE).report();
        assertThat(report.userDays()).isEqualTo(180);
        assertThat(report.incidents().victimsInScope()).as("the seed has victims to find").isPositive();
        return report;
    }

    @Test
    void everyVictimWhoseAttackerReplayedOrPersistedBecomesAnIncident(@TempDir Path dir) throws Exception {
        EvalReport report = evaluateSmallTenant(dir);

        assertThat(report.incidents().recall()).as("incident recall").isEqualTo(1.0);
    }

    @Test
    void incidentsAreAtLeast95PercentRealAndAtMostOneFalsePer10kUserDays(@TempDir Path dir) throws Exception {
        EvalReport report = evaluateSmallTenant(dir);

        assertThat(report.incidents().precision()).as("incident precision").isGreaterThanOrEqualTo(0.95);
        assertThat(report.incidents().falsePositivesPer10kUserDays(report.userDays())).as("false incidents per 10k user-days")
                .isLessThanOrEqualTo(1.0);
        assertThat(report.goalsMet()).isTrue();
    }
}
