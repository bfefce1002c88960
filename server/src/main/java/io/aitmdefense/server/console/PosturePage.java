package io.aitmdefense.server.console;

import io.aitmdefense.posture.assess.CellStatus;
import io.aitmdefense.posture.assess.Control;
import io.aitmdefense.posture.assess.ControlScore;
import io.aitmdefense.posture.assess.CoverageCell;
import io.aitmdefense.posture.assess.Finding;
import io.aitmdefense.posture.assess.KillChainStep;
import io.aitmdefense.posture.assess.PostureAssessment;
import io.aitmdefense.server.api.PostureReports;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /posture}: the latest assessment of the serve file's Conditional Access export, in the posture module's
 * own words ({@code aitm posture}): the four-control score, the kill chain × control matrix with the policies behind
 * each cell, the findings with their fixes (most severe first), and what the export's read rejected or warned about.
 * Policy names come from the tenant and are escaped like any log field.
 */
final class PosturePage {
    /** The serve file lines that turn the page on, shown when they are missing. */
    static final String SETTINGS = "posture:\n  exports: [ca-export/]          # the Conditional Access export (folder or files)\n"
            + "  breakGlass: [<object id>]      # the emergency-access accounts every policy must exclude";

    private PosturePage() {
    }

    static String render(Viewer viewer, Optional<PostureReports.PostureReading> reading, List<String> tenants) {
        StringBuilder b = new StringBuilder(32 * 1024);
        b.append("<h1>Posture</h1>\n");
        if (reading.isEmpty()) {
            b.append("<section id=\"posture-missing\"><p>This service has no Conditional Access export to assess. Add it to "
                    + "the serve file and restart <code>aitm serve</code>:</p>\n<pre class=\"config\">").append(html(SETTINGS))
                    .append("</pre>\n<p class=\"meta\">The same export <code>aitm posture</code> reads; it is read again "
                            + "whenever one of its files changes.</p></section>\n");
            return page(viewer, tenants, b);
        }
        PostureReports.PostureReading r = reading.get();
        b.append("<p class=\"meta\" id=\"posture-inputs\">").append(r.policies()).append(" policies read from ")
                .append(html(String.join(", ", r.inputs().stream().map(Object::toString).toList())));
        r.assessment().ifPresent(a -> b.append(": ").append(a.enforcedPolicies()).append(" enabled, ")
                .append(a.reportOnlyPolicies()).append(" report-only. Break-glass: ")
                .append(html(a.breakGlass().ids().isEmpty() ? "none" : String.join(", ", a.breakGlass().ids())))
                .append(" (").append(html(a.breakGlass().source().label())).append(')'));
        b.append(".</p>\n");
        problems(b, r);
        if (r.assessment().isEmpty()) {
            b.append("<p class=\"error\" id=\"posture-empty\">No Conditional Access policy was read from the export: nothing "
                    + "to assess. Check the path in the serve file's <code>posture.exports</code>.</p>\n");
            return page(viewer, tenants, b);
        }
        PostureAssessment a = r.assessment().get();
        score(b, a.score());
        matrix(b, a);
        findings(b, a.findings());
        if (!a.assumptions().isEmpty()) {
            b.append("<section id=\"assumptions\"><h2>Assumptions</h2><ul>");
            a.assumptions().forEach(s -> b.append("<li>").append(html(s)).append("</li>"));
            b.append("</ul></section>\n");
        }
        return page(viewer, tenants, b);
    }

    private static String page(Viewer viewer, List<String> tenants, StringBuilder b) {
        return Layout.page("Posture", Layout.Section.POSTURE, Optional.of(viewer), new Layout.Tenants(tenants, ""), b.toString());
    }

    private static void problems(StringBuilder b, PostureReports.PostureReading r) {
        if (r.errors().isEmpty() && r.warnings().isEmpty()) return;
        b.append("<section id=\"read-problems\"><h2>Read problems</h2>\n");
        if (!r.errors().isEmpty()) {
            b.append("<ul class=\"errors\">");
            r.errors().forEach(e -> b.append("<li class=\"error\">").append(html(e)).append("</li>"));
            b.append("</ul>\n");
        }
        if (!r.warnings().isEmpty()) {
            b.append("<ul class=\"warnings\">");
            r.warnings().forEach(w -> b.append("<li>").append(html(w)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void score(StringBuilder b, ControlScore score) {
        b.append("<section id=\"score\"><h2>Four-control score: <span id=\"score-total\">").append(number(score.total()))
                .append("</span> / ").append(score.max()).append("</h2>\n<div class=\"cards\">");
        for (ControlScore.Entry e : score.entries()) {
            b.append("<div class=\"card score-").append(key(e.level())).append("\"><h3>").append(html(e.control().label()))
                    .append("</h3><p class=\"value\">").append(html(e.level().label())).append("</p>");
            if (!e.policies().isEmpty()) b.append("<p class=\"meta\">").append(html(String.join(", ", e.policies()))).append("</p>");
            b.append("</div>");
        }
        b.append("</div></section>\n");
    }

    private static void matrix(StringBuilder b, PostureAssessment a) {
        b.append("<section id=\"matrix\"><h2>Kill chain × control</h2>\n<p class=\"meta\">A cell is <b>enforced</b> when an "
                + "enabled policy with the control applies to the step's replayed sign-ins; its note says whom or what it "
                + "leaves out. <b>report-only</b> would break the step once promoted.</p>\n");
        b.append("<div class=\"scroll\"><table id=\"posture-matrix\" class=\"matrix\"><thead><tr><th>step</th>");
        for (Control c : Control.values()) b.append("<th>").append(html(c.label())).append("</th>");
        b.append("</tr></thead><tbody>\n");
        for (KillChainStep step : KillChainStep.values()) {
            b.append("<tr data-step=\"").append(key(step)).append("\"><th title=\"").append(html(step.description())).append("\">")
                    .append(html(step.label())).append("</th>");
            for (Control c : Control.values()) {
                CoverageCell cell = a.matrix().cell(step, c);
                b.append("<td class=\"cell cell-").append(key(cell.status()))
                        .append(cell.status() == CellStatus.ENFORCED && !cell.note().isEmpty() ? " partial" : "")
                        .append("\" data-control=\"").append(key(c)).append("\" data-status=\"").append(key(cell.status()))
                        .append("\">").append(html(cell.status().label()));
                if (!cell.policies().isEmpty()) {
                    b.append("<div class=\"policies\">").append(html(String.join(", ", cell.policies()))).append("</div>");
                }
                if (!cell.note().isEmpty()) b.append("<div class=\"note\">").append(html(cell.note())).append("</div>");
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static void findings(StringBuilder b, List<Finding> findings) {
        b.append("<section id=\"findings\"><h2>Findings (").append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) b.append("<p class=\"empty\">No finding.</p>\n");
        b.append("<ol class=\"findings\">\n");
        // the posture module lists them most severe first; the sort only makes that a promise of this page
        for (Finding f : findings.stream().sorted(Comparator.comparing(Finding::severity).reversed()).toList()) {
            b.append("<li class=\"finding\" data-severity=\"").append(f.severity().label()).append("\"><details><summary>")
                    .append(Layout.badge(f.severity().label())).append(" <code>").append(html(f.id())).append("</code> ")
                    .append(html(f.check().title())).append("</summary>\n<p>").append(html(f.detail())).append("</p>");
            if (!f.policies().isEmpty()) {
                b.append("<p class=\"meta\">Policies: ").append(html(String.join(", ", f.policies()))).append("</p>");
            }
            b.append("<p><b>Why:</b> ").append(html(f.check().why())).append("</p><p class=\"fix\"><b>Fix:</b> ")
                    .append(html(f.check().fix())).append("</p></details></li>\n");
        }
        b.append("</ol></section>\n");
    }

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** 3 or 2.5: the score's halves (a control enforced for some personas) are kept, whole numbers shown whole. */
    static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((int) d) : String.valueOf(d);
    }
}
