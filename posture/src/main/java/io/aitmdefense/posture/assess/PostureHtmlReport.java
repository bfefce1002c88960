package io.aitmdefense.posture.assess;

import io.aitmdefense.model.SafeText;

import java.util.List;

/**
 * A self-contained {@code posture.html}: inline CSS and SVG, no scripts, no network. Every string from the export
 * (policy names come from the tenant and may contain markup) goes through {@link #escape}.
 */
public final class PostureHtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1200px;color:#1c2230;padding:0 1rem}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d5de}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d5de;padding:.3rem .45rem;vertical-align:top;text-align:left}
            th{background:#f1f3f7}td.enforced{background:#d9f2dd}td.report-only{background:#fff2c6}td.missing{background:#f9d6d5}td.na{background:#f6f6f6;color:#999}
            td.granted{background:#f9d6d5;font-weight:600}td.blocked,td.unmeetable{background:#d9f2dd}
            .sev{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.8rem;color:#fff}
            .critical{background:#8e1b1b}.high{background:#c0392b}.medium{background:#d68910}.low{background:#2e86c1}.info{background:#7f8c8d}
            .small{font-size:.85rem;color:#555}details{margin:.3rem 0}code{font-size:.85rem}
            """;

    private PostureHtmlReport() {
    }

    public static String write(PostureAssessment a) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>AiTM posture</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Conditional Access posture against AiTM</h1>");
        h.append("<p>").append(a.policies()).append(" policies: ").append(a.enforcedPolicies()).append(" enabled, ")
                .append(a.reportOnlyPolicies()).append(" report-only. Break-glass: ")
                .append(SafeText.html(a.breakGlass().ids().isEmpty() ? "none" : String.join(", ", a.breakGlass().ids())))
                .append(" (").append(SafeText.html(a.breakGlass().source().label())).append(").</p>");
        score(a, h);
        matrix(a, h);
        replay(a, h);
        permutations(a, h);
        canary(a, h);
        findings(a, h);
        if (!a.assumptions().isEmpty()) {
            h.append("<h2>Assumptions</h2><ul>");
            a.assumptions().forEach(s -> h.append("<li>").append(SafeText.html(s)).append("</li>"));
            h.append("</ul>");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void score(PostureAssessment a, StringBuilder h) {
        double total = a.score().total();
        int max = a.score().max();
        h.append("<h2>Four-control score: ").append(PostureTextReport.score(total)).append(" / ").append(max).append("</h2>");
        // A bar of four segments, one per control, filled by its level.
        h.append("<svg width=\"420\" height=\"28\" role=\"img\" aria-label=\"score ").append(PostureTextReport.score(total))
                .append(" of ").append(max).append("\">");
        int x = 0;
        for (ControlScore.Entry e : a.score().entries()) {
            String fill = switch (e.level()) {
                case FULL -> "#27ae60";
                case PARTIAL -> "#f1c40f";
                case REPORT_ONLY -> "#f5e6b3";
                case MISSING -> "#e74c3c";
            };
            h.append("<rect x=\"").append(x).append("\" y=\"2\" width=\"100\" height=\"24\" fill=\"").append(fill)
                    .append("\"><title>").append(SafeText.html(e.control().label() + ": " + e.level().label())).append("</title></rect>");
            x += 105;
        }
        h.append("</svg><table><tr><th>control</th><th>level</th><th>policies</th></tr>");
        for (ControlScore.Entry e : a.score().entries()) {
            h.append("<tr><td>").append(SafeText.html(e.control().label())).append("</td><td>").append(SafeText.html(e.level().label()))
                    .append("</td><td>").append(SafeText.html(String.join(", ", e.policies()))).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void matrix(PostureAssessment a, StringBuilder h) {
        h.append("<h2>Kill chain × control</h2><table><tr><th>step</th>");
        for (Control c : Control.values()) h.append("<th>").append(SafeText.html(c.label())).append("</th>");
        h.append("</tr>");
        for (KillChainStep step : KillChainStep.values()) {
            h.append("<tr><th title=\"").append(SafeText.html(step.description())).append("\">").append(SafeText.html(step.label())).append("</th>");
            for (Control c : Control.values()) {
                CoverageCell cell = a.matrix().cell(step, c);
                String cls = cell.status() == CellStatus.NOT_APPLICABLE ? "na" : PostureJsonReport.key(cell.status());
                h.append("<td class=\"").append(cls).append("\">").append(SafeText.html(cell.status().label()));
                if (!cell.policies().isEmpty()) {
                    h.append("<div class=\"small\">").append(SafeText.html(String.join(", ", cell.policies()))).append("</div>");
                }
                if (!cell.note().isEmpty()) h.append("<div class=\"small\"><em>").append(SafeText.html(cell.note())).append("</em></div>");
                h.append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static void replay(PostureAssessment a, StringBuilder h) {
        h.append("<h2>Replay simulation</h2><p class=\"small\">A stolen cookie or refresh token replayed from an "
                + "unregistered Linux or Windows host on a hosting network outside every named location, medium sign-in "
                + "risk, carrying only the MFA claim of the phished session; against the real user on a managed, compliant "
                + "Windows device.</p><table><tr><th>persona</th><th>target</th><th>attacker</th><th>from an allowed "
                + "country</th><th>managed user</th><th>decided by</th></tr>");
        for (ReplayResult r : a.replays()) {
            h.append("<tr><td title=\"").append(SafeText.html(r.persona().description())).append("\">")
                    .append(SafeText.html(r.persona().label())).append("</td><td>").append(SafeText.html(r.target().label()))
                    .append("</td>");
            outcome(h, r.attacker().outcome());
            if (r.fromAllowedCountry().isPresent()) outcome(h, r.fromAllowedCountry().get().outcome());
            else h.append("<td class=\"na\">n/a</td>");
            outcome(h, r.legitimate().outcome());
            h.append("<td>").append(SafeText.html(PostureTextReport.deciders(r.attacker())));
            r.note().ifPresent(n -> h.append("<div class=\"small\"><em>").append(SafeText.html(n)).append("</em></div>"));
            h.append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void permutations(PostureAssessment a, StringBuilder h) {
        if (a.permutations().isEmpty()) return;
        List<ReplayCoverage> mixed = a.permutations().stream().filter(ReplayCoverage::mixed).toList();
        h.append("<h2>Replay as every platform × client</h2><p class=\"small\">The same replay presenting each platform "
                + "(Windows, macOS, Linux, iOS, Android) and client (browser, mobile and desktop apps): the platform is read "
                + "from the user agent the attacker writes. Only persona × target pairs whose verdict depends on it are "
                + "listed; ").append(a.permutations().size() - mixed.size())
                .append(" others get one verdict everywhere.</p>");
        if (mixed.isEmpty()) return;
        h.append("<table><tr><th>persona</th><th>target</th><th>verdict</th><th>platforms and clients</th><th>decided by</th></tr>");
        for (ReplayCoverage.Folded f : ReplayCoverage.foldMixed(mixed)) {
            List<ReplayCoverage.Group> groups = f.groups();
            for (int i = 0; i < groups.size(); i++) {
                ReplayCoverage.Group g = groups.get(i);
                h.append("<tr>");
                if (i == 0) {
                    h.append("<td rowspan=\"").append(groups.size()).append("\">").append(SafeText.html(f.persona().label()))
                            .append("</td><td rowspan=\"").append(groups.size()).append("\">")
                            .append(SafeText.html(String.join(", ", f.targets().stream().map(Target::label).toList()))).append("</td>");
                }
                outcome(h, g.outcome());
                h.append("<td>").append(SafeText.html(g.cells())).append("</td><td>")
                        .append(SafeText.html(String.join(", ", g.decidingPolicies()))).append("</td></tr>");
            }
        }
        h.append("</table>");
    }

    private static void outcome(StringBuilder h, Outcome o) {
        h.append("<td class=\"").append(PostureJsonReport.key(o)).append("\">").append(SafeText.html(o.label())).append("</td>");
    }

    private static void canary(PostureAssessment a, StringBuilder h) {
        String status = PostureJsonReport.key(a.canary().status());
        h.append("<h2>Sign-in page canary</h2><p id=\"canary\" class=\"canary ").append(status).append("\"><strong>")
                .append(SafeText.html(a.canary().status().label())).append("</strong> — ").append(SafeText.html(a.canary().detail()));
        if (!a.canary().source().isEmpty()) h.append(" <span class=\"small\">(read from ").append(SafeText.html(a.canary().source())).append(")</span>");
        h.append("</p>");
    }

    private static void findings(PostureAssessment a, StringBuilder h) {
        h.append("<h2>Findings (").append(a.findings().size()).append(")</h2>");
        for (Finding f : a.findings()) {
            String sev = f.severity().label();
            h.append("<details><summary><span class=\"sev ").append(sev).append("\">").append(sev).append("</span> <code>")
                    .append(SafeText.html(f.id())).append("</code> ").append(SafeText.html(f.check().title())).append("</summary>")
                    .append("<p>").append(SafeText.html(f.detail())).append("</p>");
            List<String> policies = f.policies();
            if (!policies.isEmpty()) h.append("<p class=\"small\">Policies: ").append(SafeText.html(String.join(", ", policies))).append("</p>");
            h.append("<p><strong>Why:</strong> ").append(SafeText.html(f.check().why())).append("</p><p><strong>Fix:</strong> ")
                    .append(SafeText.html(f.check().fix())).append("</p></details>");
        }
    }
}
