package io.aitmdefense.cli.respond;

import io.aitmdefense.cli.ExitCodes;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.audit.AuditEntry;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.config.AutoPolicy;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.render.PlanJson;
import io.aitmdefense.respond.render.PlanText;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code aitm respond run}: runs a plan against the tenant; a dry run unless approved. */
@Command(name = "run",
        header = "Run the containment plan of one incident: a dry run unless --approve is given.",
        description = {
                "Always collects the evidence first (sign-ins and audits of the incident window, rules, methods,",
                "grants, devices, risk state) into a folder with the SHA-256 of every file. Then, per step: read the",
                "target, show what would change, and only when approved write once, read back to verify, and",
                "append to the audit trail. Without --approve nothing is written to the tenant.",
                "--approve runs every step but re-enabling; --approve=disable,revoke runs only the steps named",
                "(re-enabling only when named: --approve=enable). --auto runs the reversible steps when the tenant",
                "file's respond.auto policy covers the incident's detections and confidence.",
                "Re-running a finished plan changes nothing: each step reads first and skips what is done.",
                ""},
        footer = {"", "Exit status: 0 every step done, pending or left to the script; 1 a step failed or was refused;",
                "2 bad usage or unreadable input; 5 the run failed."},
        sortOptions = false, usageHelpAutoWidth = true)
public final class RespondRunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    IncidentOptions incident;

    @Option(names = "--audit", required = true, paramLabel = "FILE",
            description = "The append-only audit trail (JSON lines, hash-chained); created when missing.")
    Path audit;

    @Option(names = "--approve", arity = "0..1", fallbackValue = "*", split = ",", paramLabel = "STEP",
            description = {"Approve every step (bare --approve) or the steps named (--approve=disable,revoke).",
                    "Step ids: disable, revoke, confirm, rule[-N], forwarding[-N], method[-N], grant[-N], app[-N],",
                    "password, block, block-url, enable."})
    List<String> approve;

    @Option(names = "--auto", description = "Run the reversible steps if the tenant file's respond.auto policy covers this incident.")
    boolean auto;

    @Option(names = "--evidence", paramLabel = "DIR",
            description = "Where the evidence bundle goes (default: evidence/<incident>/<time> beside the audit file).")
    Optional<Path> evidence;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who approves, for the audit trail (default: analyst:<login name>).")
    Optional<String> actor;

    @Option(names = "--json", description = "Print the run as JSON (schema aitm.respond-run/1).")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        if (approve != null && auto) throw new ParameterException(spec.commandLine(), "Use --approve or --auto, not both.");
        if (incident.config.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing --config: running needs the tenant file's 'microsoft:' section.");
        }
        Findings f = incident.findings();
        RespondSettings settings = incident.settings();
        if (settings.microsoft().isEmpty()) {
            throw new ParameterException(spec.commandLine(), incident.config.get() + " has no 'microsoft:' section: see docs/microsoft.md");
        }
        String who = actor.orElse("analyst:" + System.getProperty("user.name", "unknown"));
        try (AuditTrail trail = AuditTrail.open(audit)) {
            String[] current = {who, "dry-run"};
            // every attempt the client retried (throttled, no answer) gets its own line; the final answers are in the steps' lines
            TenantApi api = IncidentOptions.connect(settings, a -> {
                if (a.status() / 100 != 2) trail.append(AuditAttempts.entry(a, current[0], current[1], f.incidentId()));
            }).orElseThrow();
            return run(f, settings, api, trail, who, current);
        }
    }

    private int run(Findings f, RespondSettings settings, TenantApi api, AuditTrail trail, String who, String[] current)
            throws Exception {
        UserFacts facts = UserFactsReader.read(api, f);
        Plan plan = new Planner().plan(f, Optional.of(facts), incident.planOptions(settings), Clock.systemUTC().instant());
        Approval approval = Approval.none();
        Optional<AutoPolicy.Decision> decision = Optional.empty();
        if (auto) {
            decision = Optional.of(settings.auto().decide(f));
            if (decision.get().automatic()) {
                approval = decision.get().approval();
                who = "policy:respond.auto";
            }
        } else if (approve != null) {
            if (approve.contains("*")) {
                approval = Approval.all();
            } else {
                Set<String> steps = new LinkedHashSet<>(approve);
                for (String s : steps) {
                    if (plan.step(s).isEmpty()) {
                        throw new ParameterException(spec.commandLine(), "No step '" + s + "' in this plan; its steps are "
                                + String.join(", ", plan.steps().stream().map(x -> x.id()).toList()));
                    }
                }
                approval = Approval.named(steps);
            }
        }
        Path folder = evidence.orElse((audit.toAbsolutePath().getParent()).resolve("evidence").resolve(f.incidentId())
                .resolve(STAMP.format(Clock.systemUTC().instant())));
        current[0] = who;
        current[1] = approval.label();
        if (decision.isPresent()) {
            trail.append(AuditEntry.decision(Clock.systemUTC().instant(), who, approval.label(), f.incidentId(), "",
                    decision.get().automatic() ? "auto-approved" : "auto-declined", decision.get().reason()));
        }
        RunReport report = new Runner(api, trail, Clock.systemUTC(), who).run(plan, facts, approval, Optional.of(folder));
        if (json) {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PlanJson.run(report)));
        } else {
            decision.ifPresent(d -> System.out.println((d.automatic() ? "Automatic containment: " : "No automatic containment: ") + d.reason()));
            System.out.print(PlanText.run(report));
            System.out.println("Audit trail: " + audit);
        }
        return report.failed() || plan.refused() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
