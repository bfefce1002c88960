package io.aitmdefense.harden.emit;

import io.aitmdefense.harden.plan.Decision;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedContext;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.harden.verify.PlanVerification;
import io.aitmdefense.posture.assess.ControlScore;
import io.aitmdefense.posture.assess.Outcome;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The terminal summary of {@code aitm harden plan}: decisions, order, and the before/after check. */
public final class PlanText {

    private PlanText() {
    }

    public static void print(HardenPlan plan, List<ApplyStep> steps, Optional<PlanVerification> verification, PrintStream out) {
        out.println("Harden plan (" + plan.generated().size() + " new, "
                + plan.policies().stream().filter(p -> !p.generated() && !p.change().empty()).count() + " changed, "
                + plan.policies().stream().filter(p -> p.decision() == Decision.KEEP).count()
                + " already in place)");
        for (PlannedPolicy p : plan.policies()) {
            out.printf("  %-16s %s%n", p.decision().label(), p.displayName()
                    + (p.microsoftManaged() ? "  [Microsoft-managed]" : "")
                    + (p.generated() ? "" : p.change().empty() ? "" : "  → " + p.change().describe()));
            out.println("                   " + p.why());
            for (String o : p.overlaps()) out.println("                   overlap: " + o);
        }
        for (PlannedContext c : plan.contexts()) {
            out.printf("  %-16s authentication context %s '%s'%n", c.decision().label(), c.context().id(), c.context().displayName());
        }
        out.println();
        out.println("Apply order:");
        for (ApplyStep s : steps) {
            out.printf("  %2d. %-6s %-5s %s%n", s.order(), s.method(), s.apiVersion(), s.what()
                    + s.requires().map(r -> "  (only once " + r + ")").orElse(""));
        }
        verification.ifPresent(v -> verification(v, out));
        out.println();
        for (String n : plan.notes()) out.println("Note: " + n);
    }

    static void verification(PlanVerification v, PrintStream out) {
        out.println();
        out.printf("Verified by the posture evaluator (export + plan, every planned policy enforced for all users):%n");
        out.printf("  four-control score  %.1f/%d → %.1f/%d%n", v.before().total(), v.before().max(), v.after().total(), v.after().max());
        for (ControlScore.Entry e : v.after().entries()) {
            out.printf("    %-26s %-40s → %s%n", e.control().label(), v.before().level(e.control()).label(), e.level().label());
        }
        out.println("  kill chain × control (before → after):");
        for (PlanVerification.Cell c : v.cells()) {
            if (c.before() == c.after()) continue;
            out.printf("    %-32s %-26s %s → %s%n", c.step().label(), c.control().label(), c.before().label(), c.after().label());
        }
        out.println("  promised cells: " + (v.promisesKept() ? "all enforced" : "NOT all enforced"));
        for (PlanVerification.Promise p : v.promises()) {
            if (!p.kept()) out.println("    not enforced: " + p.cell() + " (" + p.policy() + ")");
        }
        for (PlanVerification.FindingClosure f : v.findings()) {
            if (f.before()) out.printf("    %s %s%n", f.findingId(), f.closed() ? "closed" : "still open after the plan");
        }
        long before = v.replays().stream().filter(r -> r.before() == Outcome.GRANTED).count();
        long after = v.stillGranted().size();
        out.printf("  replayed session (persona × target × platform × client, not flagged as risky): %d of %d granted → %d%n",
                before, v.replays().size(), after);
        for (String g : v.gaps()) out.println("  gap: " + g);
    }
}
