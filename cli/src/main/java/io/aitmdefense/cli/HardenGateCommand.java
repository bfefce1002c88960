package io.aitmdefense.cli;

import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;
import io.aitmdefense.harden.gate.GateHtml;
import io.aitmdefense.harden.gate.GateJson;
import io.aitmdefense.harden.gate.GateReport;
import io.aitmdefense.harden.gate.GateText;
import io.aitmdefense.harden.gate.GateThresholds;
import io.aitmdefense.harden.gate.GateVerdict;
import io.aitmdefense.harden.gate.GatedPolicies;
import io.aitmdefense.harden.gate.GatedPolicy;
import io.aitmdefense.harden.gate.Ring;
import io.aitmdefense.harden.gate.RolloutGate;
import io.aitmdefense.harden.plan.PlanOptions;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm harden gate}: may the report-only policies of the plan advance to the next ring? */
@Command(name = "gate",
        header = "Read the sign-in logs and say, per generated policy, whether its ring may advance.",
        description = {
                "Counts the report-only results (success, failure, interrupted, not applied) of",
                "each generated policy for the ring's population, interactive and non-interactive",
                "apart: a failure on a non-interactive refresh is a background client silently",
                "breaking; an interruption there is usually noise. Failing rows are grouped by",
                "app, client app, OS / browser, device state, user and token-protection status.",
                "",
                "Verdict per policy: advance; hold (which apps and OS still fail); not measurable",
                "(too few days or users, or a user-action policy, which has no report-only mode).",
                "",
                "EXPORT is the tenant's current Conditional Access export (policy ids); LOGS are",
                "sign-in logs in any shape 'aitm ingest' knows. Graph v1.0 pages carry report-only",
                "results only when fetched with 'Prefer: include-unknown-enum-members'; use beta or",
                "Log Analytics for non-interactive sign-ins and token-protection status.",
                ""},
        footer = {"", "Exit status: 0 no policy holds, 1 some policy holds, 2 bad usage, 3 some log rows were",
                "rejected, 4 no sign-in or no policy to gate."},
        sortOptions = false, usageHelpAutoWidth = true)
final class HardenGateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPORT", description = "Conditional Access export folder or file.")
    Path export;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "LOGS", description = "Sign-in log files or folders.")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--plan", paramLabel = "DIR", description = "The plan folder (plan.json); without it, every policy named with --prefix.")
    Optional<Path> plan = Optional.empty();

    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = PlanOptions.DEFAULT_PREFIX,
            description = "Display-name prefix of our policies, when there is no --plan (default: ${DEFAULT-VALUE}).")
    String prefix = PlanOptions.DEFAULT_PREFIX;

    @Option(names = "--ring", paramLabel = "RING", defaultValue = "pilot",
            description = "The ring the policies are in now: pilot, wider, enforce, expand (default: ${DEFAULT-VALUE}).")
    String ring = "pilot";

    @Option(names = "--min-days", paramLabel = "N", description = "Days of evaluated sign-ins needed (default: ${DEFAULT-VALUE}).")
    int minDays = GateThresholds.DEFAULT.minDays();

    @Option(names = "--min-users", paramLabel = "N", description = "Users evaluated needed (default: ${DEFAULT-VALUE}).")
    int minUsers = GateThresholds.DEFAULT.minUsers();

    @Option(names = "--max-failures", paramLabel = "N", description = "Failures tolerated (default: ${DEFAULT-VALUE}).")
    int maxFailures = GateThresholds.DEFAULT.maxFailures();

    @Option(names = "--json", description = "Print the report as JSON (aitm.harden-gate/1) instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write gate.json and gate.html (trend per day) to DIR.")
    Optional<Path> out = Optional.empty();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Optional<Ring> parsedRing = Ring.parse(ring);
        if (parsedRing.isEmpty()) {
            stderr.println("aitm harden gate: --ring must be pilot, wider, enforce or expand, not '" + ring + "'");
            return ExitCodes.USAGE;
        }
        if (minDays < 0 || minUsers < 0 || maxFailures < 0) {
            stderr.println("aitm harden gate: --min-days, --min-users and --max-failures must not be negative");
            return ExitCodes.USAGE;
        }
        List<Path> inputs = new ArrayList<>(logs);
        inputs.add(export);
        plan.ifPresent(inputs::add);
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                stderr.println("aitm harden gate: " + p + ": no such file or folder");
                return ExitCodes.USAGE;
            }
        }
        CaReadResult read = new CaExportReader().read(export);
        read.errors().forEach(e -> stderr.println("aitm harden gate: " + e));
        List<GatedPolicy> policies = plan.isPresent() ? GatedPolicies.fromPlan(plan.get(), read.snapshot())
                : GatedPolicies.fromExport(read.snapshot(), prefix);
        if (policies.isEmpty()) {
            stderr.println("aitm harden gate: no policy to gate: give --plan DIR, or check that the export has policies named "
                    + prefix + "…");
            return ExitCodes.NO_INPUT;
        }
        RolloutGate gate = new RolloutGate(policies, parsedRing.get(), new GateThresholds(minDays, minUsers, maxFailures));
        ReadReport logsRead = new LogReader().read(logs, gate::accept, Progress.NONE);
        logsRead.files().forEach(f -> {
            f.error().ifPresent(e -> stderr.println("aitm harden gate: " + f.file() + ": " + e));
            f.firstRejections().forEach(r -> stderr.println("aitm harden gate: " + r));
        });
        GateReport report = gate.report();
        if (report.signIns() == 0) {
            stderr.println("aitm harden gate: no sign-in found in " + logs);
            return ExitCodes.NO_INPUT;
        }
        if (json) stdout.print(GateJson.write(report));
        else GateText.print(report, stdout);
        if (out.isPresent()) {
            Files.createDirectories(out.get());
            Files.writeString(out.get().resolve("gate.json"), GateJson.write(report), StandardCharsets.UTF_8);
            Files.writeString(out.get().resolve("gate.html"), GateHtml.write(report), StandardCharsets.UTF_8);
            if (!json) stdout.println("\nWrote " + out.get().resolve("gate.json") + " and " + out.get().resolve("gate.html"));
        }
        if (report.policies().stream().anyMatch(p -> p.verdict() == GateVerdict.HOLD)) return ExitCodes.FINDINGS;
        return logsRead.rejected() > 0 || logsRead.failedFiles() > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
    }
}
