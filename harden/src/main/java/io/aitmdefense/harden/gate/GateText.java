package io.aitmdefense.harden.gate;

import java.io.PrintStream;

/** The gate's terminal table: one row per policy, then the blocking rows of each policy that holds. */
public final class GateText {

    private GateText() {
    }

    public static void print(GateReport report, PrintStream out) {
        out.printf("Rollout gate, ring %s (%s): %d sign-ins%s%n", report.ring().word(), report.ring().now(), report.signIns(),
                report.first().map(f -> " from " + f.toString().substring(0, 10) + " to "
                        + report.last().orElseThrow().toString().substring(0, 10)).orElse(""));
        out.printf("Advance when: at most %d failures, at least %d days and %d users of evaluated sign-ins.%n%n",
                report.thresholds().maxFailures(), report.thresholds().minDays(), report.thresholds().minUsers());
        out.printf("%-16s %-62s %21s %21s %6s %5s%n", "verdict", "policy", "interactive s/f/i", "non-inter. s/f/i", "users", "days");
        for (PolicyResult r : report.policies()) {
            out.printf("%-16s %-62s %21s %21s %6d %5d%n", r.verdict().label(), clip(r.policy().displayName(), 62),
                    sfi(r.interactive()), sfi(r.nonInteractive()), r.users(), r.days());
        }
        for (PolicyResult r : report.policies()) {
            out.println();
            out.println(r.policy().displayName() + ": " + r.verdict().label() + " — " + r.reason());
            if (r.verdict() != GateVerdict.HOLD) continue;
            for (String d : RolloutGate.DIMENSIONS) {
                var groups = r.blocking(d);
                if (groups.isEmpty()) continue;
                out.printf("  %s:%n", d);
                for (PolicyResult.BlockingGroup g : groups) {
                    out.printf("    %-60s %5d failed %5d interrupted %4d users%n", clip(g.value(), 60), g.failures(),
                            g.interruptions(), g.users());
                }
            }
        }
    }

    private static String sfi(PolicyResult.Counts c) {
        return c.success() + "/" + c.failure() + "/" + c.interrupted();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
