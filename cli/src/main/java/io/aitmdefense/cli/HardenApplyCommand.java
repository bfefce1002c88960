package io.aitmdefense.cli;

import io.aitmdefense.harden.apply.AuditTrail;
import io.aitmdefense.harden.apply.CommittedPlan;
import io.aitmdefense.harden.apply.PlanApplier;
import io.aitmdefense.harden.apply.PlannedWrite;
import io.aitmdefense.harden.apply.RingPromotion;
import io.aitmdefense.harden.apply.TenantPolicies;
import io.aitmdefense.harden.apply.TenantWriteException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm harden apply}: the committed plan against the live tenant, dry-run unless approved. */
@Command(name = "apply",
        header = "Diff a committed plan against the tenant and, with --approve, write it in order.",
        description = {
                "Reads DIR (plan.json and graph/*.json as committed) and the live tenant, and",
                "shows what each step would do: write, unchanged, waiting (protected actions",
                "until the c2 policy is On) or conflict (the live policy differs: see drift).",
                "Writes go in dependency order: authentication contexts, the c2 policy, the",
                "other policies, and the protected actions once c2 is enabled. Nothing is",
                "written without --approve; every write is appended to the audit file, each",
                "line carrying the SHA-256 of the line before.",
                "",
                "--promote GATE.json moves the plan's policies one ring on, only those the",
                "gate report (aitm harden gate --out) says advance for.",
                ""},
        footer = {"", "Exit status: 0 done (or nothing to do), 1 a conflict or a write refused, 2 bad usage."},
        sortOptions = false, usageHelpAutoWidth = true)
final class HardenApplyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The plan folder written by 'aitm harden plan --out'.")
    Path dir;

    @ArgGroup(exclusive = false, multiplicity = "1")
    HardenTenantOption tenant;

    @Option(names = "--promote", paramLabel = "GATE.json", description = "Promote to the next ring where this gate report says advance.")
    Optional<Path> promote = Optional.empty();

    @Option(names = "--approve", description = "Write to the tenant (default: dry-run).")
    boolean approve;

    @Option(names = "--audit", paramLabel = "FILE", description = "Audit trail to append to (default: DIR/audit/harden-audit.jsonl).")
    Optional<Path> auditFile = Optional.empty();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (!Files.isDirectory(dir)) {
            err.println("aitm harden apply: " + dir + ": not a plan folder");
            return ExitCodes.USAGE;
        }
        if (approve && tenant.offline()) {
            err.println("aitm harden apply: --approve writes to the tenant; --live is an export and read-only");
            return ExitCodes.USAGE;
        }
        CommittedPlan plan = CommittedPlan.read(dir);
        TenantPolicies live = tenant.open("aitm harden apply");
        PlanApplier applier = new PlanApplier(live);
        List<PlannedWrite> diff = promote.isPresent() ? new RingPromotion(live).diff(plan, promote.get()) : applier.diff(plan);
        out.println((approve ? "Applying " : "Dry run of ") + dir + (promote.map(g -> " (promotion from " + g + ")").orElse("")) + ":");
        for (PlannedWrite w : diff) {
            out.printf("  %-9s %2s %-5s %-4s %s%n            %s%n", w.kind().label(), w.step() == 0 ? "" : String.valueOf(w.step()),
                    w.method(), w.apiVersion(), w.what(), w.note());
        }
        long writes = diff.stream().filter(w -> w.kind() == PlannedWrite.Kind.WRITE).count();
        boolean conflict = diff.stream().anyMatch(w -> w.kind() == PlannedWrite.Kind.CONFLICT);
        if (!approve) {
            out.println(writes == 0 ? "Nothing to write." : writes + " write(s); run again with --approve to send them.");
            return conflict ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
        Path auditPath = auditFile.orElse(dir.resolve("audit").resolve("harden-audit.jsonl"));
        try {
            int sent = applier.apply(diff, new AuditTrail(auditPath, clock));
            out.println(sent + " write(s) sent; audit: " + auditPath);
        } catch (TenantWriteException e) {
            err.println("aitm harden apply: the tenant refused a write (" + e.status() + "): " + e.getMessage()
                    + "; stopped, later steps depend on it. Audit: " + auditPath);
            return ExitCodes.FINDINGS;
        }
        return conflict ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
