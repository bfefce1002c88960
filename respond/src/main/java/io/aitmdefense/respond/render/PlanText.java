package io.aitmdefense.respond.render;

import io.aitmdefense.model.SafeText;
import io.aitmdefense.respond.plan.Check;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.run.Outcome;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.StepResult;

import java.util.Locale;

/** Plans and runs for a person at a terminal. */
public final class PlanText {
    private PlanText() {
    }

    public static String plan(Plan p) {
        Findings f = p.findings();
        StringBuilder b = new StringBuilder();
        b.append("Containment plan for incident ").append(f.incidentId()).append(" — ").append(f.user())
                .append(" (confidence ").append(String.format(Locale.ROOT, "%.2f", f.confidence())).append(")\n");
        b.append("Attacker activity ").append(f.firstActivity()).append(" … ").append(f.lastActivity());
        if (!f.ips().isEmpty()) b.append(" from ").append(String.join(", ", f.ips()));
        b.append("\n\nPreflight\n");
        for (Check c : p.preflight()) {
            b.append(String.format(Locale.ROOT, "  %-7s %-12s %s%n", c.status().name().toLowerCase(Locale.ROOT), c.name(), c.message()));
        }
        if (p.refused()) b.append("  → every step that writes is refused; run again with --confirm-privileged if you mean it\n");
        b.append("\nSteps (in order)\n");
        int n = 0;
        for (Step s : p.steps()) {
            b.append(String.format(Locale.ROOT, "  %2d. %-12s %s%n", ++n, s.id(), s.title()));
            b.append("      ").append(s.request()).append('\n');
            b.append("      ").append(gate(s)).append(" · ").append(s.kind().reversible() ? "reversible" : "not reversible")
                    .append(" · permission ").append(s.kind().permission()).append('\n');
            if (!s.evidence().isEmpty()) b.append("      evidence: ").append(String.join(", ", s.evidence())).append('\n');
            for (String note : s.notes()) b.append("      note: ").append(note).append('\n');
        }
        if (!f.campaignUsers().isEmpty()) {
            b.append("\nOther users of the same campaign, to review (aitm respond plan on their incidents):\n");
            f.campaignUsers().forEach(u -> b.append("  ").append(u).append('\n'));
        }
        if (!p.warnings().isEmpty()) {
            b.append("\nWarnings\n");
            p.warnings().forEach(w -> b.append("  ! ").append(w).append('\n'));
        }
        b.append("\nNothing has been changed. `aitm respond run ").append(f.incidentId())
                .append(" … --approve` runs the steps; --approve=STEP,STEP runs only those.\n");
        return SafeText.terminal(b.toString());
    }

    public static String run(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append(r.approval().dryRun() ? "Dry run" : "Run").append(" of the plan for ").append(r.plan().findings().incidentId())
                .append(" — ").append(r.plan().findings().user()).append(" (").append(r.approval().label()).append(", ")
                .append(r.actor()).append(")\n");
        for (StepResult s : r.results()) {
            b.append(String.format(Locale.ROOT, "  %-16s %-12s %s%n", s.outcome().label(), s.step().id(), s.step().title()));
            if (!s.before().isEmpty()) b.append("      now:    ").append(s.before()).append('\n');
            if (!s.change().isEmpty() && s.outcome() == Outcome.PENDING) b.append("      change: ").append(s.change()).append('\n');
            if (!s.message().isEmpty() && !s.message().equals(s.before())) b.append("      ").append(s.message()).append('\n');
        }
        r.bundle().ifPresent(e -> b.append("\nEvidence: ").append(e.folder()).append(" (").append(e.files().size())
                .append(" files, manifest sha256 ").append(e.manifestSha256()).append(")\n"));
        long pending = r.count(Outcome.PENDING);
        if (pending > 0) b.append(pending).append(" steps wait for approval: --approve, or --approve=STEP,STEP\n");
        if (r.failed()) b.append(r.count(Outcome.FAILED)).append(" steps failed: see the messages above and the audit trail\n");
        return SafeText.terminal(b.toString());
    }

    /** Who may let a step run, in words. */
    public static String gate(Step s) {
        return switch (s.gate()) {
            case ALWAYS -> "always (read-only)";
            case AUTOMATIC_OR_APPROVAL -> "--approve, or automatic when the tenant opts in";
            case APPROVAL -> "--approve only";
            case NAMED_ONLY -> "only --approve=" + s.id();
            case SCRIPT -> "script (not run by aitm)";
            case REFUSED -> "refused by preflight";
        };
    }
}
