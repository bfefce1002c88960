package io.aitmdefense.posture.assess;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal rendering of an assessment: score, coverage matrix, replay simulation, findings. */
public final class PostureTextReport {

    private PostureTextReport() {
    }

    public static void print(PostureAssessment a, PrintStream out) {
        out.printf(Locale.ROOT, "Conditional Access posture against AiTM: %d policies (%d enabled, %d report-only)%n%n",
                a.policies(), a.enforcedPolicies(), a.reportOnlyPolicies());
        out.printf(Locale.ROOT, "Four-control score: %s / %d%n", score(a.score().total()), a.score().max());
        for (ControlScore.Entry e : a.score().entries()) {
            out.printf(Locale.ROOT, "  %-26s %-40s %s%n", e.control().label(), e.level().label(), String.join(", ", e.policies()));
        }
        out.println();
        out.println("Kill chain × control (E enforced, R report-only, - no enforced control, . n/a)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-32s", ""));
        for (Control c : Control.values()) header.append(String.format(Locale.ROOT, " %-4s", abbreviation(c)));
        out.println(header);
        for (KillChainStep step : KillChainStep.values()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-32s", step.label()));
            for (Control c : Control.values()) row.append(String.format(Locale.ROOT, " %-4s", mark(a.matrix().cell(step, c).status())));
            out.println(row);
        }
        out.println("  columns: " + legend());
        for (CoverageCell cell : a.matrix().cells()) {
            if (cell.status() != CellStatus.ENFORCED && cell.status() != CellStatus.REPORT_ONLY) continue;
            out.printf(Locale.ROOT, "  %s × %s: %s by %s%s%n", cell.step().label(), cell.control().label(),
                    cell.status().label(), String.join(", ", cell.policies()), cell.note().isEmpty() ? "" : " — " + cell.note());
        }
        out.println();
        out.println("Replayed cookie/token from an unregistered Linux or Windows host on a hosting network (medium risk)");
        out.printf(Locale.ROOT, "  %-12s %-22s %-22s %-22s %s%n", "persona", "target", "attacker", "managed user", "decided by");
        for (ReplayResult r : a.replays()) {
            String attacker = r.attacker().outcome().label() + (r.stoppedOnlyByLocation() ? "*" : "");
            out.printf(Locale.ROOT, "  %-12s %-22s %-22s %-22s %s%n", r.persona().label(), r.target().label(), attacker,
                    r.legitimate().outcome().label(), deciders(r.attacker()));
        }
        if (a.replays().stream().anyMatch(ReplayResult::stoppedOnlyByLocation)) {
            out.println("  * stopped only by a location condition; granted when replayed from a host in an allowed country");
        }
        permutations(a, out);
        out.println();
        out.printf(Locale.ROOT, "Break-glass: %s (%s)%n", a.breakGlass().ids().isEmpty() ? "none"
                : String.join(", ", a.breakGlass().ids()), a.breakGlass().source().label());
        out.printf(Locale.ROOT, "Sign-in page canary: %s. %s%n", a.canary().status().label(), a.canary().detail());
        for (String s : a.assumptions()) out.println("Assumption: " + s);
        out.println();
        out.printf(Locale.ROOT, "Findings (%d)%n", a.findings().size());
        for (Finding f : a.findings()) {
            out.printf(Locale.ROOT, "  %s %-8s %s%n", f.id(), f.severity().label(), f.check().title());
            out.println("      " + f.detail());
            if (!f.policies().isEmpty()) out.println("      policies: " + String.join(", ", f.policies()));
        }
        if (!a.findings().isEmpty()) out.println("  Run 'aitm posture --explain ID' for why a finding matters and the fix.");
    }

    /** The permutation sweep, folded: only persona × target pairs whose verdict depends on platform or client. */
    private static void permutations(PostureAssessment a, PrintStream out) {
        if (a.permutations().isEmpty()) return;
        out.println();
        out.println("Replay as every platform × client (windows, macOS, linux, iOS, android × browser, apps)");
        List<ReplayCoverage> mixed = a.permutations().stream().filter(ReplayCoverage::mixed).toList();
        if (mixed.isEmpty()) {
            out.println("  Every persona and target gets the same verdict whatever platform or client the replay presents.");
            return;
        }
        for (ReplayCoverage.Folded f : ReplayCoverage.foldMixed(mixed)) {
            out.printf(Locale.ROOT, "  %s → %s%n", f.persona().label(),
                    String.join(", ", f.targets().stream().map(Target::label).toList()));
            for (ReplayCoverage.Group g : f.groups()) out.printf(Locale.ROOT, "      %-20s %s%n", g.outcome().label(), group(g));
        }
        long uniform = a.permutations().size() - mixed.size();
        out.printf(Locale.ROOT, "  (%d other persona × target pairs get one verdict on every platform and client)%n", uniform);
    }

    static String group(ReplayCoverage.Group g) {
        return g.cells() + (g.decidingPolicies().isEmpty() ? "" : " — by " + String.join(", ", g.decidingPolicies()));
    }

    /** The {@code --explain} text of one check. */
    public static void explain(Check check, PrintStream out) {
        out.printf(Locale.ROOT, "%s  %s (default severity %s)%n%n", check.id(), check.title(), check.severity().label());
        out.println("Why it matters");
        wrap(check.why(), out);
        out.println();
        out.println("Fix");
        wrap(check.fix(), out);
        List<PublicCheck> related = PublicCheck.coveredBy(check);
        if (!related.isEmpty()) {
            out.println();
            out.println("Also checked by");
            for (PublicCheck p : related) out.printf(Locale.ROOT, "  %s %s: %s (%s)%n", p.tool(), p.id(), p.description(), p.mapping());
        }
    }

    private static void wrap(String text, PrintStream out) {
        StringBuilder line = new StringBuilder("  ");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() > 100) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder("  ");
            }
            line.append(word).append(' ');
        }
        out.println(line.toString().stripTrailing());
    }

    static String score(double total) {
        return total == Math.rint(total) ? String.valueOf((int) total) : String.valueOf(total);
    }

    static String deciders(Verdict v) {
        // the Linux and Windows attacker hosts are often decided by the same policies: name each once
        List<String> parts = new ArrayList<>(new java.util.LinkedHashSet<>(v.deciding().stream().map(Object::toString).toList()));
        if (parts.isEmpty() && !v.applied().isEmpty()) parts.add("passes " + String.join(", ", new java.util.LinkedHashSet<>(v.applied())));
        if (parts.isEmpty()) parts.add("no enforced policy applies");
        return String.join("; ", parts);
    }

    static String abbreviation(Control c) {
        return switch (c) {
            case PHISHING_RESISTANT_MFA -> "PRM";
            case TOKEN_PROTECTION -> "TP";
            case COMPLIANT_DEVICE -> "DEV";
            case CAE -> "CAE";
            case RISK_STEP_UP -> "RSK";
            case AUTH_CONTEXT_EVERY_TIME -> "ACX";
            case PROTECTED_ACTIONS -> "PA";
        };
    }

    private static String legend() {
        List<String> parts = new ArrayList<>();
        for (Control c : Control.values()) parts.add(abbreviation(c) + " " + c.label());
        return String.join(", ", parts);
    }

    private static String mark(CellStatus s) {
        return switch (s) {
            case ENFORCED -> "E";
            case REPORT_ONLY -> "R";
            case MISSING -> "-";
            case NOT_APPLICABLE -> ".";
        };
    }
}
