package io.aitmdefense.cli.respond;

import io.aitmdefense.cli.ExitCodes;
import io.aitmdefense.respond.audit.AuditHistory;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.render.RemediationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm respond report}: the remediation report of one incident for a manager or auditor. */
@Command(name = "report",
        header = "Write the remediation report of one incident (Markdown and HTML) with the Contain files.",
        description = {
                "What was found (with the log records), what was done, when and by whom (from the audit trail,",
                "each line with its hash), what is still open, and whether the audit chain verifies. Reads only",
                "local files. Also writes the plan's scripts, named location and IOC exports (see 'respond plan').",
                ""},
        footer = {"", "Exit status: 0 written, 1 the audit chain is broken, 2 bad usage or unreadable input."},
        sortOptions = false, usageHelpAutoWidth = true)
public final class RespondReportCommand implements Callable<Integer> {

    @Mixin
    IncidentOptions incident;

    @Option(names = "--audit", required = true, paramLabel = "FILE", description = "The audit trail of the runs.")
    Path audit;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Where remediation.md, remediation.html and the Contain files go.")
    Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Findings f = incident.findings();
        RespondSettings settings = incident.settings();
        Plan plan = new Planner().plan(f, Optional.empty(), incident.planOptions(settings), Instant.now());
        AuditHistory history = AuditHistory.read(audit);
        RemediationReport report = new RemediationReport(plan, history);
        Files.createDirectories(out);
        Files.writeString(out.resolve("remediation.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("remediation.html"), report.html(), StandardCharsets.UTF_8);
        ContainFiles.write(plan, out);
        System.out.println("Wrote " + out.resolve("remediation.html") + " and " + out.resolve("remediation.md")
                + (history.check().intact() ? "" : " — the audit chain is BROKEN at line " + history.check().brokenLine()));
        return history.check().intact() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
