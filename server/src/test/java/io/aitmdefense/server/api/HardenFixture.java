package io.aitmdefense.server.api;

import io.aitmdefense.harden.emit.ApplySteps;
import io.aitmdefense.harden.emit.PlanJson;
import io.aitmdefense.harden.plan.BreakGlassIds;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlanOptions;
import io.aitmdefense.harden.plan.PolicyPlanner;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.Simulation;
import io.aitmdefense.simulate.SimulationSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A public Conditional Access baseline (../shared/data) and a simulated tenant's sign-in logs in which the policies
 * {@code aitm harden plan} generates for it run report-only: token protection fails for the users still on an old
 * Outlook, so the gate has a real hold with blocking rows to show.
 */
public final class HardenFixture {
    public static final Path EXPORT = Path.of("../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original");
    public static final String PILOT = "2d4c8f7a-1b2c-4d5e-8f90-00000000c001";
    public static final String BREAK_GLASS = "0b9a1a6e-0000-4000-8000-00000000b001";

    private HardenFixture() {
    }

    public static ConditionalAccessSnapshot export() {
        ConditionalAccessSnapshot s = new CaExportReader().read(EXPORT).snapshot();
        if (s.policies().isEmpty()) throw new IllegalStateException(EXPORT + " holds no policy: the shared data is missing");
        return s;
    }

    /** The plan as {@code aitm harden plan --pilot-group PILOT --break-glass BREAK_GLASS} makes it. */
    public static HardenPlan plan() {
        ConditionalAccessSnapshot export = export();
        return new PolicyPlanner().plan(export, new PlanOptions(PILOT, BreakGlassIds.classify(List.of(BREAK_GLASS), export),
                PlanOptions.DEFAULT_PREFIX));
    }

    /** Writes the plan to {@code dir/plan} and simulates 40 users over 8 days with it into {@code dir/sim}; the logs folder. */
    public static Path signIns(Path dir) throws Exception {
        HardenPlan plan = plan();
        Path planDir = Files.createDirectories(dir.resolve("plan"));
        Files.writeString(planDir.resolve(PlanJson.FILE), PlanJson.write(plan, ApplySteps.of(plan), Optional.empty()));
        Path sim = dir.resolve("sim");
        Simulation.run(new SimulationSpec(40, 8, 7, 0, List.of(OutputFormat.LOG_ANALYTICS), sim, SimulationSpec.DEFAULT_START,
                false, SimulationSpec.DEFAULT_DOMAIN), Optional.of(planDir), n -> { });
        Path logs = sim.resolve("logs");
        try (var files = Files.walk(logs)) {
            if (files.noneMatch(Files::isRegularFile)) throw new IllegalStateException("the simulation wrote no log");
        }
        return logs;
    }

    /** The serve file's {@code posture:} section over the export, with the harden settings and these sign-in logs. */
    public static PostureSource source(List<Path> signIns) {
        return new PostureSource(List.of(EXPORT), Set.of(BREAK_GLASS), Optional.of(PILOT), PlanOptions.DEFAULT_PREFIX, signIns);
    }
}
