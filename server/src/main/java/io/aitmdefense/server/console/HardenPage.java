package io.aitmdefense.server.console;

import io.aitmdefense.harden.gate.GateReport;
import io.aitmdefense.harden.gate.PolicyResult;
import io.aitmdefense.harden.gate.Ring;
import io.aitmdefense.harden.plan.Decision;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.harden.verify.PlanVerification;
import io.aitmdefense.server.api.PostureReports;

import java.util.List;
import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /harden}: the AiTM policy set {@code aitm harden plan} generates for the serve file's export (created,
 * adopted or already in place, checked by the posture evaluator: score before and after, what stays open), each
 * policy's rollout ring, and the rollout gate's verdict per policy over the serve file's sign-in logs with the rows
 * that block it ({@code aitm harden gate}). Nothing here writes to the tenant: {@code aitm harden apply} does.
 */
final class HardenPage {
    static final String SETTINGS = "posture:\n  exports: [ca-export/]\n"
            + "  breakGlass: [<object id>]      # excluded from every generated policy (group:ID or user:ID)\n"
            + "  pilotGroup: <group object id>  # every new policy starts report-only for this group\n"
            + "  signIns: [signin-logs/]        # sign-in logs (any shape aitm ingest reads) for the rollout gate";

    private HardenPage() {
    }

    static String render(Viewer viewer, boolean posture, Optional<PostureReports.HardenReading> reading, List<String> tenants) {
        StringBuilder b = new StringBuilder(32 * 1024);
        b.append("<h1>Harden</h1>\n");
        if (reading.isEmpty()) {
            b.append("<section id=\"harden-missing\"><p>")
                    .append(posture ? "The serve file's posture section names no pilot group, so no policy set is planned."
                            : "This service has no Conditional Access export to plan against.")
                    .append(" Add to the serve file and restart <code>aitm serve</code>:</p>\n<pre class=\"config\">")
                    .append(html(SETTINGS)).append("</pre></section>\n");
            return page(viewer, tenants, b);
        }
        PostureReports.HardenReading r = reading.get();
        b.append("<p class=\"meta\" id=\"harden-inputs\">Planned from ").append(r.export().policies()).append(" policies in ")
                .append(html(String.join(", ", r.export().inputs().stream().map(Object::toString).toList())))
                .append(" for pilot group <code>").append(html(r.settings().pilotGroup().orElse(""))).append("</code>, break-glass ")
                .append(html(String.join(", ", r.settings().breakGlass().stream().sorted().toList())))
                .append(", prefix <code>").append(html(r.settings().prefix())).append("</code>. Nothing here changes the "
                        + "tenant: <code>aitm harden apply</code> does, with approval.</p>\n");
        if (r.plan().isEmpty()) {
            b.append("<p class=\"error\" id=\"harden-empty\">No Conditional Access policy was read from the export: nothing to "
                    + "plan against. Check the path in the serve file's <code>posture.exports</code>.</p>\n");
            return page(viewer, tenants, b);
        }
        HardenPlan plan = r.plan().get();
        r.verification().ifPresent(v -> verification(b, v));
        policies(b, r);
        gates(b, r);
        if (!plan.notes().isEmpty()) {
            b.append("<section id=\"notes\"><h2>Notes</h2><ul>");
            plan.notes().forEach(n -> b.append("<li>").append(html(n)).append("</li>"));
            b.append("</ul></section>\n");
        }
        return page(viewer, tenants, b);
    }

    private static String page(Viewer viewer, List<String> tenants, StringBuilder b) {
        return Layout.page("Harden", Layout.Section.HARDEN, Optional.of(viewer), new Layout.Tenants(tenants, ""), b.toString());
    }

    private static void verification(StringBuilder b, PlanVerification v) {
        b.append("<section id=\"verification\"><h2>Four-control score: <span id=\"score-before\">")
                .append(PosturePage.number(v.before().total())).append("</span> now, <span id=\"score-after\">")
                .append(PosturePage.number(v.after().total())).append("</span> / ").append(v.after().max())
                .append(" with the set enforced</h2>\n<p>").append(v.promisesKept() ? "Every matrix cell the set promises is enforced after it."
                        : "Some promised cells are still not enforced after the set: see the gaps.").append("</p>\n");
        if (!v.gaps().isEmpty()) {
            b.append("<ul class=\"warnings\" id=\"gaps\">");
            v.gaps().forEach(g -> b.append("<li>").append(html(g)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void policies(StringBuilder b, PostureReports.HardenReading r) {
        b.append("<section id=\"policy-set\"><h2>Generated set</h2>\n<div class=\"scroll\"><table id=\"harden-policies\">"
                + "<thead><tr><th>policy</th><th>decision</th><th>ring</th><th>gate</th></tr></thead><tbody>\n");
        for (PostureReports.PolicyRing ring : r.rings()) {
            PlannedPolicy p = ring.policy();
            Optional<PolicyResult> result = r.gates().stream().flatMap(g -> g.policy(p.displayName()).stream()).findFirst();
            b.append("<tr class=\"harden-policy\" data-name=\"").append(html(p.displayName())).append("\"><td><b>")
                    .append(html(p.displayName())).append("</b><div class=\"meta\">").append(html(p.why())).append("</div>");
            if (!p.generated() && !p.change().empty()) {
                b.append("<div class=\"meta\">change: ").append(html(p.change().describe())).append("</div>");
            }
            b.append("</td><td>").append(html(p.decision().label())).append("</td><td class=\"ring\" data-ring=\"")
                    .append(ring.ring().map(Ring::word).orElse("")).append("\">")
                    .append(ring.ring().map(x -> "<b>" + x.word() + "</b><div class=\"meta\">" + html(x.now()) + "</div>")
                            .orElse("disabled"))
                    .append(ring.deployed() ? "" : "<div class=\"meta\">not in the export yet</div>").append("</td><td>")
                    .append(result.map(HardenPage::verdict).orElse(p.decision() == Decision.KEEP
                            ? "<span class=\"meta\">enforced: not gated</span>" : "<span class=\"meta\">—</span>"))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static String verdict(PolicyResult r) {
        return "<span class=\"verdict verdict-" + PosturePage.key(r.verdict()) + "\">" + html(r.verdict().label()) + "</span>";
    }

    private static void gates(StringBuilder b, PostureReports.HardenReading r) {
        b.append("<section id=\"gate\"><h2>Rollout gate</h2>\n");
        if (r.settings().signIns().isEmpty()) {
            b.append("<p id=\"gate-missing\">No sign-in logs are named, so no ring can be judged. Add them to the serve file's "
                    + "posture section: <code>signIns: [signin-logs/]</code>.</p></section>\n");
            return;
        }
        PostureReports.SignInsRead read = r.signIns();
        b.append("<p class=\"meta\" id=\"gate-inputs\">").append(read.events()).append(" records read from ")
                .append(html(String.join(", ", read.inputs().stream().map(Object::toString).toList())))
                .append(read.rejected() > 0 ? ", " + read.rejected() + " rejected" : "").append(".</p>\n");
        if (!read.problems().isEmpty()) {
            b.append("<ul class=\"warnings\">");
            read.problems().forEach(p -> b.append("<li>").append(html(p)).append("</li>"));
            b.append("</ul>\n");
        }
        for (GateReport g : r.gates()) {
            b.append("<div class=\"gate\" data-ring=\"").append(g.ring().word()).append("\"><h3>Ring ").append(g.ring().word())
                    .append(": ").append(html(g.ring().now())).append("</h3>\n<p class=\"meta\">Advancing means: ")
                    .append(html(g.ring().next())).append(". ").append(g.signIns()).append(" sign-ins")
                    .append(g.first().map(f -> ", " + Layout.timeTag(f) + " to " + Layout.timeTag(g.last().orElseThrow())).orElse(""))
                    .append(". Advance at most ").append(g.thresholds().maxFailures()).append(" failures over at least ")
                    .append(g.thresholds().minDays()).append(" days and ").append(g.thresholds().minUsers()).append(" users.</p>\n");
            for (PolicyResult p : g.policies()) policy(b, p);
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static void policy(StringBuilder b, PolicyResult p) {
        b.append("<div class=\"gate-policy card\" data-name=\"").append(html(p.policy().displayName())).append("\" data-verdict=\"")
                .append(PosturePage.key(p.verdict())).append("\"><h3>").append(verdict(p)).append(' ')
                .append(html(p.policy().displayName())).append("</h3>\n<p>").append(html(p.reason())).append("</p>\n")
                .append("<p class=\"meta\">evaluated ").append(p.evaluated()).append(" (interactive ").append(p.interactive().evaluated())
                .append(", non-interactive ").append(p.nonInteractive().evaluated()).append("), failures ").append(p.failures())
                .append(", users ").append(p.users()).append(", days ").append(p.days()).append("</p>\n");
        if (!p.blocking().isEmpty()) {
            b.append("<div class=\"scroll\"><table class=\"blocking\"><thead><tr><th>by</th><th>value</th><th>failures</th>"
                    + "<th>interruptions</th><th>users</th></tr></thead><tbody>\n");
            for (PolicyResult.BlockingGroup g : p.blocking()) {
                b.append("<tr class=\"blocking-row\"><td>").append(html(g.dimension())).append("</td><td>").append(html(g.value()))
                        .append("</td><td>").append(g.failures()).append("</td><td>").append(g.interruptions()).append("</td><td>")
                        .append(g.users()).append("</td></tr>\n");
            }
            b.append("</tbody></table></div>\n");
        }
        b.append("</div>\n");
    }
}
