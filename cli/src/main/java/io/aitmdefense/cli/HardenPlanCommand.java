package io.aitmdefense.cli;

import io.aitmdefense.harden.emit.ApplySteps;
import io.aitmdefense.harden.emit.PlanOutput;
import io.aitmdefense.harden.emit.PlanText;
import io.aitmdefense.harden.plan.BreakGlassIds;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlanOptions;
import io.aitmdefense.harden.plan.PolicyPlanner;
import io.aitmdefense.harden.verify.PlanVerification;
import io.aitmdefense.harden.verify.PlanVerifier;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.posture.read.ReadProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm harden plan}: the AiTM policy set, only where the export lacks it, as code. */
@Command(name = "plan",
        header = "Generate the AiTM policy set where the export lacks it: Graph JSON, PowerShell, Terraform.",
        description = {
                "Reads a Conditional Access export (as 'aitm posture' does) and plans the",
                "policy set of the token-protection guide: token protection for Exchange,",
                "SharePoint and Teams on Windows apps; auth context c1 step-up and the c2",
                "tenant-configuration context, both phishing-resistant with sign-in",
                "frequency every time; c2 guarding CA changes as a protected action;",
                "medium/high sign-in risk step-up; compliant device; device-code block.",
                "An existing policy the evaluator finds as strong is adopted instead of",
                "duplicated (a Microsoft-managed one only in state and exclusions). New",
                "policies are report-only, for the pilot group, break-glass excluded.",
                "",
                "The plan is then checked by the posture evaluator: four-control score,",
                "kill chain x control cells, and replayed sessions per persona, target,",
                "platform and client, before and after, with what stays open.",
                "",
                "With --out: DIR/graph/NN-*.json (apply order), DIR/plan.json",
                "(aitm.harden-plan/1), DIR/powershell/Apply-AitmHarden.ps1 (dry-run",
                "unless -Apply) and DIR/terraform/main.tf.",
                ""},
        sortOptions = false, usageHelpAutoWidth = true)
final class HardenPlanCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "EXPORT", description = "Export folders or files.")
    List<Path> exports = new ArrayList<>();

    @Option(names = "--directory", paramLabel = "FILE",
            description = "Directory snapshot (users, group names) to read with the export.")
    Optional<Path> directory = Optional.empty();

    @Option(names = "--pilot-group", paramLabel = "ID", required = true,
            description = "Object id of the group every new policy starts with.")
    String pilotGroup;

    @Option(names = "--break-glass", paramLabel = "ID", split = ",", required = true,
            description = "Break-glass user or group ids, excluded from every policy (group:ID or user:ID to say which).")
    List<String> breakGlass = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = PlanOptions.DEFAULT_PREFIX,
            description = "Display-name prefix of the generated policies (default: ${DEFAULT-VALUE}).")
    String prefix = PlanOptions.DEFAULT_PREFIX;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the Graph JSON, PowerShell, Terraform and plan.json here.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--no-verify", description = "Skip the before/after check by the posture evaluator.")
    boolean noVerify;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        List<Path> inputs = new ArrayList<>(exports);
        directory.ifPresent(inputs::add);
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                stderr.println("aitm harden plan: " + p + ": no such file or folder");
                return ExitCodes.USAGE;
            }
        }
        if (prefix.isBlank()) {
            stderr.println("aitm harden plan: --prefix must not be empty: the gate and drift find our policies by it");
            return ExitCodes.USAGE;
        }
        CaReadResult read = new CaExportReader().read(inputs);
        for (ReadProblem problem : read.errors()) stderr.println("aitm harden plan: " + problem);
        if (read.snapshot().policies().isEmpty()) {
            stderr.println("aitm harden plan: no Conditional Access policy found in " + inputs);
            return ExitCodes.NO_INPUT;
        }
        BreakGlassIds ids = BreakGlassIds.classify(breakGlass, read.snapshot());
        if (ids.isEmpty()) {
            stderr.println("aitm harden plan: --break-glass needs at least one user or group id");
            return ExitCodes.USAGE;
        }
        HardenPlan plan = new PolicyPlanner().plan(read.snapshot(), new PlanOptions(pilotGroup.trim(), ids, prefix));
        Optional<PlanVerification> verification = noVerify ? Optional.empty()
                : Optional.of(new PlanVerifier(clock).verify(read.snapshot(), plan));
        PlanText.print(plan, ApplySteps.of(plan), verification, stdout);
        if (out.isPresent()) {
            List<Path> written = PlanOutput.write(plan, verification, out.get());
            stdout.println();
            stdout.println("Wrote " + written.size() + " files to " + out.get() + " (plan.json, graph/, powershell/, terraform/)");
        }
        return read.errors().isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED_INPUT;
    }
}
