package io.aitmdefense.simulate.eval;

import io.aitmdefense.simulate.eval.EvalReport.DetectionScore;
import io.aitmdefense.simulate.eval.EvalReport.Goal;
import io.aitmdefense.simulate.eval.EvalReport.IncidentScore;
import io.aitmdefense.simulate.eval.EvalReport.VictimOutcome;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The terminal form of an evaluation: incident scores, one row per detection, time to detect, the goals. */
public final class EvalTable {
    private EvalTable() {
    }

    public static void print(EvalReport report, PrintStream out) {
        IncidentScore s = report.incidents();
        out.printf(Locale.ROOT, "Incidents: %d (%d true, %d false) over %,d user-days%n", s.incidents(), s.truePositives(),
                s.falsePositives(), report.userDays());
        out.printf(Locale.ROOT, "  precision %s   recall %s (%d of %d victims reaching replay or persistence; %d of %d victims in all)%n",
                pct(s.precision()), pct(s.recall()), s.victimsDetected(), s.victimsInScope(), s.victimsTotalDetected(),
                s.victimsTotal());
        out.printf(Locale.ROOT, "  false-positive incidents per 10,000 user-days: %.2f%n%n",
                s.falsePositivesPer10kUserDays(report.userDays()));

        out.printf(Locale.ROOT, "%-26s %6s %5s %5s %9s %9s %7s%n", "detection", "alerts", "TP", "FP", "precision", "victims", "recall");
        for (DetectionScore d : report.detections()) {
            out.printf(Locale.ROOT, "%-26s %6d %5d %5d %9s %9s %7s%n", d.id(), d.alerts(), d.truePositives(), d.falsePositives(),
                    pct(d.precision()), d.applicableVictims() == 0 ? "-" : d.detectedVictims() + "/" + d.applicableVictims(),
                    pct(d.recall()));
        }

        List<Duration> starts = report.victims().stream().flatMap(v -> v.replayToAlertStart().stream()).sorted().toList();
        List<Duration> ends = report.victims().stream().flatMap(v -> v.replayToAlertEnd().stream()).sorted().toList();
        out.println();
        if (starts.isEmpty()) {
            out.println("Time from first replay to first alert: no replayed victim was alerted on");
        } else {
            out.printf(Locale.ROOT, "Time from first replay to first alert (%d victims): start median %s, max %s; end median %s, max %s%n",
                    starts.size(), span(starts.get(starts.size() / 2)), span(starts.get(starts.size() - 1)),
                    span(ends.get(ends.size() / 2)), span(ends.get(ends.size() - 1)));
        }
        for (VictimOutcome v : report.victims()) {
            if (v.inScope() && !v.detected()) {
                out.printf("  missed: %s (%s, %s)%n", v.user(), v.campaign(), v.technique());
            }
        }

        out.println();
        for (Goal g : report.goals()) {
            out.printf(Locale.ROOT, "%-5s %-55s %-6s measured %s%n", g.met() ? "ok" : "MISS", g.name(), g.target(), g.shown());
        }
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String pct(OptionalDouble v) {
        return v.isPresent() ? pct(v.getAsDouble()) : "-";
    }

    /** Signed: an alert can start before the replay (on the phishing proxy's own sign-in). */
    private static String span(Duration d) {
        String sign = d.isNegative() ? "-" : "";
        long s = Math.abs(d.getSeconds());
        if (s < 60) return sign + s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%s%dm%02ds", sign, s / 60, s % 60);
        return String.format(Locale.ROOT, "%s%dh%02dm", sign, s / 3600, (s % 3600) / 60);
    }
}
