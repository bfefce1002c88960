package io.aitmdefense.harden.emit;

import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.verify.PlanVerification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a plan to its folder: {@code graph/NN-*.json} (one Graph body per write, numbered in apply order),
 * {@code powershell/Apply-AitmHarden.ps1}, {@code terraform/main.tf} and {@code plan.json}. Refuses a folder that
 * already holds a plan, so a committed set is never overwritten by accident.
 */
public final class PlanOutput {

    public static final String GRAPH = "graph";

    private PlanOutput() {
    }

    public static List<Path> write(HardenPlan plan, Optional<PlanVerification> verification, Path dir) throws IOException {
        if (Files.exists(dir.resolve(PlanJson.FILE)) || Files.exists(dir.resolve(GRAPH))) {
            throw new IllegalArgumentException(dir + " already holds a plan: choose an empty --out folder");
        }
        List<ApplyStep> steps = ApplySteps.of(plan);
        List<Path> written = new ArrayList<>();
        Path graph = Files.createDirectories(dir.resolve(GRAPH));
        for (ApplyStep s : steps) written.add(write(graph.resolve(s.file()), JsonText.pretty(s.body())));
        written.add(write(Files.createDirectories(dir.resolve("powershell")).resolve(PowerShellScript.FILE),
                PowerShellScript.write(plan, steps)));
        written.add(write(Files.createDirectories(dir.resolve("terraform")).resolve(TerraformConfig.FILE),
                TerraformConfig.write(plan, steps)));
        written.add(write(dir.resolve(PlanJson.FILE), PlanJson.write(plan, steps, verification)));
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
