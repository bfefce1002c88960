package io.aitmdefense.harden.emit;

import io.aitmdefense.harden.plan.Decision;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedContext;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.harden.verify.PlanVerification;
import io.aitmdefense.posture.assess.ControlScore;
import io.aitmdefense.posture.assess.Outcome;

import io.aitmdefense.harden.verify.PlanVerifier;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * Persona × target × platform, browser and desktop side by side, before → after: G granted, R a requirement the
     * replayed token cannot meet, X blocked.
     */
    static void replays(PlanVerification v, PrintStream out) {
        out.println("  replayed session, not flagged as risky (browser+desktop, before→after; G granted, R requirement "
                + "not met, X blocked):");
        StringBuilder header = new StringBuilder(String.format("    %-10s %-20s", "persona", "target"));
        for (Platform p : PlanVerifier.PLATFORMS) header.append(String.format(" %-8s", p.graphName()));
        out.println(header.toString().stripTrailing());
        Map<String, Map<Platform, String[]>> cells = new LinkedHashMap<>();
        for (PlanVerification.Replay r : v.replays()) {
            String key = String.format("    %-10s %-20s", r.persona().label(), r.target().label());
            String[] c = cells.computeIfAbsent(key, k -> new EnumMap<>(Platform.class))
                    .computeIfAbsent(r.platform(), k -> new String[] {"?", "?", "?", "?"});
            int i = r.client() == ClientAppType.BROWSER ? 0 : 1;
            c[i] = letter(r.before());
            c[i + 2] = letter(r.after());
        }
        cells.forEach((key, byPlatform) -> {
            StringBuilder row = new StringBuilder(key);
            for (Platform p : PlanVerifier.PLATFORMS) {
                String[] c = byPlatform.get(p);
                row.append(String.format(" %-8s", c[0] + c[1] + "→" + c[2] + c[3]));
            }
            out.println(row.toString().stripTrailing());
        });
    }

    private static String letter(Outcome o) {
        return switch (o) {
            case GRANTED -> "G";
            case UNMEETABLE -> "R";
            case BLOCKED -> "X";
        };
    }

    static void verification(PlanVerification v, PrintStream out) {
        out.println();
        out.printf("Verified by the posture evaluator (export + plan, every planned policy enforced for all users):%n");
        out.printf("  four-control score  %.1f/%d → %.1f/%d%n", v.before().total(), v.before().max(), v.after().total(), v.after().max());
        for (ControlScore.Entry e : v.after().entries()) {
            out.printf("    %-26s %-40s → %s%n", e.control().label(), v.before().level(e.control()).label(), e.level().label());
        }
        out.println("  kill chain × control (before → after):");
        long same = 0;
        for (PlanVerification.Cell c : v.cells()) {
            if (c.before() == c.after()) {
                same++;
                continue;
            }
            out.printf("    %-32s %-26s %s → %s%n", c.step().label(), c.control().label(), c.before().label(), c.after().label());
        }
        if (same > 0) out.println("    (" + same + " cells unchanged)");
        out.println("  promised cells: " + (v.promisesKept() ? "all enforced" : "NOT all enforced"));
        for (PlanVerification.Promise p : v.promises()) {
            if (!p.kept()) out.println("    not enforced: " + p.cell() + " (" + p.policy() + ")");
        }
        for (PlanVerification.FindingClosure f : v.findings()) {
            if (f.before()) out.printf("    %s %s%n", f.findingId(), f.closed() ? "closed" : "still open after the plan");
        }
        replays(v, out);
        long before = v.replays().stream().filter(r -> r.before() == Outcome.GRANTED).count();
        long after = v.stillGranted().size();
        out.printf("  replayed session (persona × target × platform × client, not flagged as risky): %d of %d granted → %d%n",
                before, v.replays().size(), after);
        for (String g : v.gaps()) out.println("  gap: " + g);
    }
}
