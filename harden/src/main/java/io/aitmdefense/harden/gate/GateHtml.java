package io.aitmdefense.harden.gate;

import io.aitmdefense.model.SafeText;

import java.util.List;
import java.util.Locale;

/**
 * The gate as one self-contained HTML page (no scripts, no external files): per policy the verdict, the counts, the
 * trend per day as stacked bars, and the blocking rows. Every value from the logs is escaped.
 */
public final class GateHtml {

    private GateHtml() {
    }

    public static String write(GateReport report) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Rollout gate — ring ")
                .append(SafeText.html(report.ring().word())).append("</title>\n<style>\n")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}")
                .append(".advance{color:#176c2e}.hold{color:#b3261e}.not-measurable{color:#8a6d00}")
                .append("section{border-top:2px solid #ddd;margin-top:1.5em}.n{text-align:right}\n</style></head><body>\n");
        b.append("<h1>Rollout gate: ring ").append(SafeText.html(report.ring().word())).append("</h1>\n<p>")
                .append(SafeText.html(report.ring().now())).append(". Advancing means: ").append(SafeText.html(report.ring().next()))
                .append(".<br>").append(report.signIns()).append(" sign-ins read")
                .append(report.first().map(f -> ", " + SafeText.html(f.toString()) + " to " + SafeText.html(report.last().orElseThrow().toString())).orElse(""))
                .append(". Advance when at most ").append(report.thresholds().maxFailures()).append(" failures over at least ")
                .append(report.thresholds().minDays()).append(" days and ").append(report.thresholds().minUsers())
                .append(" users.</p>\n");
        b.append("<table><tr><th>verdict</th><th>policy</th><th>evaluated</th><th>failures</th><th>users</th><th>days</th></tr>\n");
        for (PolicyResult r : report.policies()) {
            b.append("<tr><td class=\"").append(css(r.verdict())).append("\">").append(SafeText.html(r.verdict().label()))
                    .append("</td><td>").append(SafeText.html(r.policy().displayName())).append("</td><td class=\"n\">")
                    .append(r.evaluated()).append("</td><td class=\"n\">").append(r.failures()).append("</td><td class=\"n\">")
                    .append(r.users()).append("</td><td class=\"n\">").append(r.days()).append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (PolicyResult r : report.policies()) section(b, r);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void section(StringBuilder b, PolicyResult r) {
        b.append("<section><h2>").append(SafeText.html(r.policy().displayName())).append("</h2>\n<p class=\"").append(css(r.verdict()))
                .append("\"><b>").append(SafeText.html(r.verdict().label())).append("</b>: ").append(SafeText.html(r.reason())).append("</p>\n");
        b.append("<table><tr><th></th><th>success</th><th>failure</th><th>interrupted</th><th>not applied</th></tr>\n");
        row(b, "interactive", r.interactive());
        row(b, "non-interactive", r.nonInteractive());
        b.append("</table>\n");
        if (!r.trend().isEmpty()) trend(b, r.trend());
        if (r.blocking().isEmpty()) {
            b.append("</section>\n");
            return;
        }
        b.append("<h3>Failing and interrupted sign-ins</h3>\n<table><tr><th>by</th><th>value</th><th>failures</th>")
                .append("<th>interruptions</th><th>users</th></tr>\n");
        for (PolicyResult.BlockingGroup g : r.blocking()) {
            b.append("<tr><td>").append(SafeText.html(g.dimension())).append("</td><td>").append(SafeText.html(g.value()))
                    .append("</td><td class=\"n\">").append(g.failures()).append("</td><td class=\"n\">").append(g.interruptions())
                    .append("</td><td class=\"n\">").append(g.users()).append("</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void row(StringBuilder b, String label, PolicyResult.Counts c) {
        b.append("<tr><th>").append(label).append("</th><td class=\"n\">").append(c.success()).append("</td><td class=\"n\">")
                .append(c.failure()).append("</td><td class=\"n\">").append(c.interrupted()).append("</td><td class=\"n\">")
                .append(c.notApplied()).append("</td></tr>\n");
    }

    /** One stacked bar per day: success, interrupted, failure, scaled to the busiest day. */
    private static void trend(StringBuilder b, List<PolicyResult.DayTrend> days) {
        long max = Math.max(1, days.stream().mapToLong(d -> d.success() + d.failure() + d.interrupted()).max().orElse(1));
        int w = 28, h = 120;
        b.append("<h3>Trend per day</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(days.size() * w + 10)
                .append("\" height=\"").append(h + 30).append("\" role=\"img\" aria-label=\"sign-ins per day\">\n");
        for (int i = 0; i < days.size(); i++) {
            PolicyResult.DayTrend d = days.get(i);
            double y = h;
            int x = 5 + i * w;
            for (Object[] part : new Object[][] {{d.success(), "#2e7d32"}, {d.interrupted(), "#f9a825"}, {d.failure(), "#c62828"}}) {
                double height = (long) part[0] * (double) h / max;
                y -= height;
                if (height > 0) {
                    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">",
                            x, y, w - 6, height, part[1]));
                    b.append("<title>").append(SafeText.html(d.day().toString())).append(": ").append(part[0]).append("</title></rect>\n");
                }
            }
            b.append("<text x=\"").append(x).append("\" y=\"").append(h + 14).append("\" font-size=\"9\">")
                    .append(SafeText.html(d.day().toString().substring(5))).append("</text>\n");
        }
        b.append("</svg>\n<table><tr><th>day</th><th>success</th><th>failure</th><th>interrupted</th></tr>\n");
        for (PolicyResult.DayTrend d : days) {
            b.append("<tr><td>").append(SafeText.html(d.day().toString())).append("</td><td class=\"n\">").append(d.success())
                    .append("</td><td class=\"n\">").append(d.failure()).append("</td><td class=\"n\">").append(d.interrupted())
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String css(GateVerdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
