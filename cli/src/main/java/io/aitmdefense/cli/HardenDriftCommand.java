package io.aitmdefense.cli;

import io.aitmdefense.harden.apply.CommittedPlan;
import io.aitmdefense.harden.apply.DriftCheck;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code aitm harden drift}: what changed in the live policies since the plan was committed. */
@Command(name = "drift",
        header = "Name what changed in the live tenant since the plan was committed.",
        description = {
                "Compares the committed plan (DIR) with the live policies: our policies missing or",
                "changed in anything but what ring promotion moves (state forward, users scope),",
                "adopted policies whose break-glass exclusions or state were reverted, contexts",
                "withdrawn from apps, protected actions unbound while their policy is On.",
                ""},
        footer = {"", "Exit status: 0 no drift, 1 drift found, 2 bad usage."},
        sortOptions = false, usageHelpAutoWidth = true)
final class HardenDriftCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The committed plan folder.")
    Path dir;

    @ArgGroup(exclusive = false, multiplicity = "1")
    HardenTenantOption tenant;

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            System.err.println("aitm harden drift: " + dir + ": not a plan folder");
            return ExitCodes.USAGE;
        }
        CommittedPlan plan = CommittedPlan.read(dir);
        List<DriftCheck.Drift> drift = new DriftCheck(tenant.open("aitm harden drift")).check(plan);
        if (drift.isEmpty()) {
            System.out.println("No drift: the live policies match " + dir + ".");
            return ExitCodes.OK;
        }
        System.out.println(drift.size() + " drifted object(s):");
        for (DriftCheck.Drift d : drift) {
            System.out.println("  " + d.object() + (d.weakens() ? "  [weakens protection]" : ""));
            d.changes().forEach(c -> System.out.println("    " + c));
        }
        return ExitCodes.FINDINGS;
    }
}
