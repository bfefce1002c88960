package io.aitmdefense.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentView;
import io.aitmdefense.report.RecordIds;
import io.aitmdefense.store.IncidentStore;
import io.aitmdefense.store.Triage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /incidents/{id}}: the page a responder works an incident from, in the order they need it: the triage
 * summary, the attacker's timeline (SVG and the numbered steps), the state and its actions, the containment plan
 * with approve and run, the audit trail, the campaign, and last the evidence, collapsed, with each record's id and
 * where to search it. Buttons call the REST API from the page's script with the session's CSRF token.
 */
final class IncidentPage {
    /** A week of background refreshes can put thousands of records behind one alert. */
    static final int MAX_EVIDENCE = 200;

    private IncidentPage() {
    }

    static String render(Viewer viewer, IncidentDetail d, List<String> tenants) {
        Incident i = d.incident();
        StringBuilder b = new StringBuilder(32 * 1024);
        b.append("<p class=\"crumbs\"><a href=\"/\">← Incidents</a></p>\n")
                .append("<div id=\"incident\" data-live=\"incident\" data-id=\"").append(html(i.id())).append("\">\n")
                .append("<h1>").append(Layout.badge(i.severity().label())).append(' ').append(html(i.user()))
                .append(' ').append(Layout.statusBadge(d.state().status())).append("</h1>\n")
                .append("<p class=\"summary\">").append(html(i.summary())).append("</p>\n")
                .append("<p class=\"meta\"><span class=\"mono\">").append(html(i.id())).append("</span> · first attacker activity ")
                .append(Layout.timeTag(i.firstAttackerActivity())).append(" · last ").append(Layout.timeTag(i.end()))
                .append(" · confidence ").append(String.format(Locale.ROOT, "%.2f", i.confidence()))
                .append(i.tenant().isEmpty() ? "" : " · tenant <span class=\"mono\">" + html(i.tenant()) + "</span>")
                .append("</p>\n<p id=\"updated-banner\" class=\"banner hidden\" role=\"status\">This incident has changed. "
                        + "<a href=\"\">Reload</a></p>\n");
        TriageSummary.render(b, i, d.campaignIncidents());
        timeline(b, i);
        state(b, viewer, d);
        plan(b, viewer, d);
        audit(b, d.audit());
        campaign(b, i, d.campaignIncidents());
        evidence(b, i);
        b.append("</div>\n");
        return Layout.page(i.user() + " — incident", Layout.Section.INCIDENTS, Optional.of(viewer),
                new Layout.Tenants(tenants, i.tenant()), b.toString());
    }

    private static void timeline(StringBuilder b, Incident i) {
        List<IncidentView.Step> steps = IncidentView.steps(i);
        b.append("<section id=\"timeline\"><h2>Attacker timeline</h2>\n<div class=\"svg-wrap\">")
                .append(AttackTimeline.svg(i.user(), steps)).append("</div>\n<ol id=\"steps\" class=\"steps\">\n");
        int n = 0;
        for (IncidentView.Step s : steps) {
            Alert a = s.alert();
            b.append("<li class=\"step\" data-step=\"").append(++n).append("\" data-time=\"").append(s.time())
                    .append("\"><span class=\"when\">").append(Layout.timeTag(s.time())).append("</span> ")
                    .append("<span class=\"lane\">").append(AttackTimeline.Lane.of(s.stage()).label).append("</span> ")
                    .append(Layout.badge(a.severity().label())).append(" <b>").append(html(a.title())).append("</b>: ")
                    .append(html(s.what())).append("<details><summary>Why <span class=\"mono\">").append(html(a.detectionId()))
                    .append("</span> fired").append(a.techniques().isEmpty() ? "" : " (" + html(String.join(" ", a.techniques())) + ")")
                    .append("</summary><p>").append(html(a.explanation())).append("</p></details></li>\n");
        }
        b.append("</ol></section>\n");
    }

    private static void state(StringBuilder b, Viewer viewer, IncidentDetail d) {
        IncidentDetail.State s = d.state();
        String id = html(d.incident().id());
        b.append("<section id=\"state\"><h2>State</h2>\n<p>").append(Layout.statusBadge(s.status()))
                .append(s.assignee().isEmpty() ? " · unassigned" : " · assigned to <b id=\"assignee\">" + html(s.assignee()) + "</b>")
                .append(s.reason().isEmpty() ? "" : " · reason: <span id=\"fp-reason\">" + html(s.reason()) + "</span>").append("</p>\n");
        if (viewer.responder()) {
            String api = "/api/v1/incidents/" + id;
            b.append("<div class=\"actions\">\n");
            if (s.status().equals(Triage.OPEN)) {
                b.append("<form class=\"api-action\" data-url=\"").append(api).append("/acknowledge\">")
                        .append("<button type=\"submit\" id=\"acknowledge\">Acknowledge</button></form>\n");
            }
            b.append("<form class=\"api-action\" data-url=\"").append(api).append("/assign\"><label>Assign to "
                            + "<input name=\"assignee\" required value=\"").append(html(s.assignee().isEmpty() ? viewer.name() : s.assignee()))
                    .append("\"></label><button type=\"submit\" id=\"assign\">Assign</button></form>\n");
            if (s.status().equals(Triage.FALSE_POSITIVE)) {
                b.append("<form class=\"api-action\" data-url=\"").append(api).append("/reopen\">")
                        .append("<button type=\"submit\" id=\"reopen\">Reopen</button></form>\n");
            } else {
                b.append("<form class=\"api-action\" data-url=\"").append(api).append("/false-positive\" data-confirm=\""
                                + "Mark as a false positive? Its pattern is suppressed for this user from now on.\">")
                        .append("<label>Reason <input name=\"reason\" id=\"fp-reason-input\" required minlength=\"3\" "
                                + "placeholder=\"e.g. the user's new travel router\"></label>")
                        .append("<button type=\"submit\" id=\"false-positive\" class=\"danger\">False positive</button></form>\n");
            }
            b.append("</div>\n<p id=\"action-error\" class=\"error hidden\" role=\"alert\"></p>\n");
        } else {
            b.append("<p class=\"meta\">Your role (").append(html(viewer.role())).append(") can read incidents; a responder acts on them.</p>\n");
        }
        if (!d.history().isEmpty()) {
            b.append("<details id=\"history\"><summary>").append(d.history().size()).append(" recorded changes</summary><ul>");
            for (IncidentStore.IncidentChange c : d.history()) {
                b.append("<li>").append(Layout.timeTag(c.at())).append(' ').append(html(c.changes().replace(",", ", ").toLowerCase(Locale.ROOT)))
                        .append("</li>");
            }
            b.append("</ul></details>\n");
        }
        b.append("</section>\n");
    }

    /**
     * The stored plan ({@code aitm.service-plan/1}: respond's {@code aitm.plan/1} under {@code plan}, the approved step
     * ids, and after a run respond's run report under {@code run}): preflight, warnings, each step with its Graph
     * request and permission, approvable until approved, and once run its outcome.
     */
    private static void plan(StringBuilder b, Viewer viewer, IncidentDetail d) {
        b.append("<section id=\"plan\"><h2>Containment plan</h2>\n");
        if (d.plan().isEmpty()) {
            b.append("<p class=\"empty\">").append(html(d.planUnavailable())).append("</p></section>\n");
            return;
        }
        IncidentDetail.Plan plan = d.plan().get();
        JsonNode body = plan.body();
        JsonNode p = body.path("plan");
        Set<String> approved = new HashSet<>();
        body.path("approved").forEach(x -> approved.add(x.asText()));
        Map<String, JsonNode> outcomes = new HashMap<>();
        body.path("run").path("steps").forEach(x -> outcomes.put(x.path("id").asText(), x));
        b.append("<p>Plan <span class=\"mono\">").append(html(plan.id())).append("</span> · <span id=\"plan-status\" class=\"status status-")
                .append(html(plan.status())).append("\">").append(html(plan.status())).append("</span>")
                .append(p.path("refused").asBoolean(false) ? " · <b>refused</b>: see the preflight" : "").append("</p>\n");
        if (!body.path("error").asText("").isEmpty()) {
            b.append("<p class=\"error\" id=\"plan-failure\">").append(html(body.path("error").asText())).append("</p>\n");
        }
        JsonNode pre = p.path("preflight");
        if (pre.size() > 0) {
            b.append("<details><summary>Preflight: ").append(pre.size()).append(" checks</summary><ul>");
            pre.forEach(c -> b.append("<li><span class=\"status status-").append(html(c.path("status").asText())).append("\">")
                    .append(html(c.path("status").asText())).append("</span> ").append(html(c.path("check").asText())).append(": ")
                    .append(html(c.path("message").asText())).append("</li>"));
            b.append("</ul></details>\n");
        }
        JsonNode warnings = p.path("warnings");
        if (warnings.size() > 0) {
            b.append("<ul class=\"warnings\">");
            warnings.forEach(w -> b.append("<li>").append(html(w.asText())).append("</li>"));
            b.append("</ul>\n");
        }
        JsonNode steps = p.path("steps");
        if (steps.isEmpty()) {
            b.append("<p class=\"empty\">The plan has no steps.</p></section>\n");
            return;
        }
        String api = "/api/v1/plans/" + html(plan.id());
        boolean canApprove = false;
        b.append("<form id=\"plan-approve\" class=\"api-action\" data-url=\"").append(api).append("/approve\" data-steps>\n")
                .append("<div class=\"scroll\"><table class=\"plan\"><thead><tr><th></th><th>step</th><th>Graph request</th>"
                        + "<th>permission</th><th>undo</th><th>state</th></tr></thead><tbody>\n");
        for (JsonNode s : steps) {
            String sid = s.path("id").asText();
            JsonNode outcome = outcomes.get(sid);
            b.append("<tr class=\"plan-step\" data-step-id=\"").append(html(sid)).append("\"><td>");
            if (viewer.responder() && !approved.contains(sid)) {
                canApprove = true;
                b.append("<input type=\"checkbox\" name=\"step\" value=\"").append(html(sid)).append("\" checked aria-label=\"approve ")
                        .append(html(s.path("title").asText())).append("\">");
            }
            b.append("</td><td>").append(html(s.path("title").asText())).append("<div class=\"meta\">")
                    .append(html(s.path("kind").asText())).append(" · gate ").append(html(s.path("gate").asText()))
                    .append("</div></td><td class=\"mono\">").append(html(s.path("request").asText())).append("</td><td class=\"mono\">")
                    .append(html(s.path("permission").asText())).append("</td><td>")
                    .append(s.path("reversible").asBoolean(false) ? "reversible" : "<b>not reversible</b>")
                    .append("</td><td class=\"step-state\">");
            if (outcome != null) {
                b.append("<b>").append(html(outcome.path("outcome").asText())).append("</b>")
                        .append(outcome.path("message").asText("").isEmpty() ? "" : ": " + html(outcome.path("message").asText()));
            } else {
                b.append(approved.contains(sid) ? "approved" : "planned (dry run)");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        if (canApprove) b.append("<button type=\"submit\" id=\"approve\">Approve selected steps</button>\n");
        b.append("</form>\n");
        if (viewer.responder()) {
            b.append("<form id=\"plan-run\" class=\"api-action\" data-url=\"").append(api).append("/run\" data-confirm=\""
                            + "Run the approved steps against the tenant now? Each change is audited.\">")
                    .append("<button type=\"submit\" id=\"run\" class=\"danger\"").append(approved.isEmpty() ? " disabled" : "")
                    .append(">Run approved steps</button>")
                    .append(" <span class=\"meta\">writes to the tenant through Microsoft Graph; only approved steps run</span></form>\n")
                    .append("<p id=\"plan-error\" class=\"error hidden\" role=\"alert\"></p>\n");
        }
        JsonNode chain = body.path("audit");
        if (chain.has("entries")) {
            b.append("<p class=\"meta\" id=\"chain\">Audit chain <span class=\"mono\">").append(html(chain.path("chain").asText()))
                    .append("</span>: ").append(chain.path("entries").asLong()).append(" entries, ")
                    .append(chain.path("intact").asBoolean(false) ? "intact" : "<b class=\"error\">broken</b>").append("</p>\n");
        }
        b.append("</section>\n");
    }

    /** Each entry's time, actor and action first; the whole sealed line (hashes included) behind a disclosure. */
    private static void audit(StringBuilder b, List<JsonNode> audit) {
        b.append("<section id=\"audit\"><h2>Audit trail</h2>\n");
        if (audit.isEmpty()) {
            b.append("<p class=\"empty\">Nothing has been done to this incident or its tenant yet.</p></section>\n");
            return;
        }
        b.append("<ol class=\"audit\">\n");
        for (JsonNode e : audit) {
            String what = String.join(" ", List.of(first(e, "event", "action"), first(e, "step"), first(e, "request"))).strip();
            String outcome = String.join(": ", java.util.stream.Stream.of(first(e, "outcome"), first(e, "message"))
                    .filter(x -> !x.isEmpty()).toList());
            b.append("<li class=\"audit-entry\"><span class=\"mono\">").append(html(first(e, "time", "at")))
                    .append("</span> <b>").append(html(first(e, "actor"))).append("</b> ").append(html(what))
                    .append(outcome.isEmpty() ? "" : " <span class=\"meta\">" + html(outcome) + "</span>")
                    .append("<details><summary>entry</summary><pre class=\"mono\">").append(html(e.toPrettyString()))
                    .append("</pre></details></li>\n");
        }
        b.append("</ol></section>\n");
    }

    private static String first(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isValueNode() && !v.asText().isEmpty()) return v.asText();
        }
        return "";
    }

    private static void campaign(StringBuilder b, Incident i, Map<String, String> campaignIncidents) {
        b.append("<section id=\"campaign\"><h2>Campaign</h2>\n");
        if (!i.blastRadius().inCampaign()) {
            b.append("<p class=\"empty\">No other user was seen on this attacker infrastructure.</p></section>\n");
            return;
        }
        b.append("<p>Campaign <span class=\"mono\">").append(html(i.blastRadius().campaignId())).append("</span>: the same "
                + "attacker infrastructure (addresses, networks, user agents or sessions) was used against</p><ul id=\"campaign-users\">");
        for (String u : i.blastRadius().otherUsers()) {
            String id = campaignIncidents.get(u);
            b.append("<li>").append(id == null ? html(u) : "<a href=\"/incidents/" + html(id) + "\">" + html(u) + "</a>")
                    .append(" <span class=\"meta\">incident</span></li>");
        }
        for (String u : i.blastRadius().alsoSeenUsers()) {
            b.append("<li>").append(html(u)).append(" <span class=\"meta\">seen from it, no incident</span></li>");
        }
        b.append("</ul>\n");
        if (!i.infrastructure().userAgents().isEmpty()) {
            b.append("<p class=\"meta\">User agents: <span class=\"mono\">")
                    .append(html(String.join(" · ", i.infrastructure().userAgents()))).append("</span></p>\n");
        }
        b.append("</section>\n");
    }

    /** Each log record once, collapsed: the record id and where to search it, the file and line it was read from. */
    private static void evidence(StringBuilder b, Incident i) {
        List<IncidentView.Record> records = IncidentView.records(i);
        b.append("<section id=\"evidence\"><h2>Evidence</h2>\n<p class=\"meta\">").append(records.size())
                .append(records.size() == 1 ? " log record" : " log records").append(" behind the alerts.</p>\n");
        Iterator<IncidentView.Record> it = records.iterator();
        for (int shown = 0; it.hasNext() && shown < MAX_EVIDENCE; shown++) {
            IncidentView.Record r = it.next();
            var ref = r.record();
            b.append("<details class=\"record\"><summary>").append(Layout.timeTag(r.evidence().time())).append(' ')
                    .append(html(r.summaries().get(0))).append(" <span class=\"meta mono\">").append(html(ref.location()))
                    .append("</span></summary>\n<dl><dt>record id</dt><dd class=\"mono\">")
                    .append(ref.recordId().isEmpty() ? "none logged" : html(ref.recordId())).append("</dd><dt>search</dt><dd>")
                    .append(html(RecordIds.label(ref.idKind()))).append("</dd><dt>read from</dt><dd class=\"mono\">")
                    .append(html(ref.location())).append("</dd><dt>cited by</dt><dd class=\"mono\">")
                    .append(html(String.join(", ", r.detections()))).append("</dd>");
            if (r.summaries().size() > 1) {
                b.append("<dt>what it shows</dt><dd>").append(html(String.join(" · ", r.summaries()))).append("</dd>");
            }
            b.append("</dl></details>\n");
        }
        if (records.size() > MAX_EVIDENCE) {
            b.append("<p class=\"meta\">").append(records.size() - MAX_EVIDENCE)
                    .append(" more records: GET /api/v1/incidents/").append(html(i.id())).append(" lists them all.</p>\n");
        }
        b.append("</section>\n");
    }
}
