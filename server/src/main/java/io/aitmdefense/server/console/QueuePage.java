package io.aitmdefense.server.console;

import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.Incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /}: the incident queue. Filters and sorting are a plain GET form and links (a filtered queue is a URL to
 * paste in a ticket); the counts per severity and status are links that filter; the script listens to the service's
 * events and swaps in the fresh {@code #queue-live} part when an incident is created or changes, without a reload.
 */
final class QueuePage {
    private static final String[][] COLUMNS = {
            {"severity", "Severity"}, {"user", "User"}, {"status", "Status"}, {"", "Kill chain"},
            {"first", "First attacker activity"}, {"updated", "Updated"}, {"", "Attacker IPs"}};

    private QueuePage() {
    }

    static String render(Viewer viewer, QueueQuery query, List<QueueEntry> all, Map<String, String> assignees, List<String> tenants) {
        List<QueueEntry> shown = query.apply(all);
        StringBuilder b = new StringBuilder(16 * 1024);
        b.append("<h1>Incidents</h1>\n");
        filters(b, query, all);
        b.append("<div id=\"queue-live\" data-live=\"queue\">\n");
        counts(b, query, query.counts(all));
        table(b, query, shown, all.size(), assignees);
        b.append("</div>\n");
        return Layout.page("Incidents", Layout.Section.INCIDENTS, Optional.of(viewer),
                new Layout.Tenants(tenants, query.tenant()), b.toString());
    }

    private static void filters(StringBuilder b, QueueQuery q, List<QueueEntry> all) {
        b.append("<form id=\"filters\" class=\"filters\" method=\"get\" action=\"/\" role=\"search\">\n")
                .append("<input type=\"hidden\" name=\"tenant\" value=\"").append(html(q.tenant())).append("\">\n")
                .append("<input type=\"hidden\" name=\"sort\" value=\"").append(html(q.sort())).append("\">\n")
                .append("<label>Search <input type=\"search\" id=\"q\" name=\"q\" value=\"").append(html(q.q()))
                .append("\" placeholder=\"user, IP, AS owner, detection…\"></label>\n")
                .append("<label>Severity <select id=\"severity\" name=\"severity\" class=\"autosubmit\">")
                .append(Layout.option("", "any", q.severity()));
        for (int k = Severity.values().length - 1; k >= 0; k--) {
            String s = Severity.values()[k].label();
            b.append(Layout.option(s, s, q.severity()));
        }
        b.append("</select></label>\n<label>Status <select id=\"status\" name=\"status\" class=\"autosubmit\">")
                .append(Layout.option("", "any", q.status()));
        for (String s : IncidentStates.ALL) b.append(Layout.option(s, s.replace('-', ' '), q.status()));
        b.append("</select></label>\n<label>Detection <select id=\"detection\" name=\"detection\" class=\"autosubmit\">")
                .append(Layout.option("", "any", q.detection()));
        for (String d : QueueQuery.detections(all)) b.append(Layout.option(d, d, q.detection()));
        b.append("</select></label>\n<label>User <input type=\"text\" id=\"user\" name=\"user\" value=\"").append(html(q.user()))
                .append("\" placeholder=\"part of a UPN\"></label>\n")
                .append("<button type=\"submit\" class=\"primary\">Filter</button> <a class=\"clear\" href=\"")
                .append(html(new QueueQuery(q.tenant(), "", "", "", "", "", QueueQuery.DEFAULT_SORT).with("tenant", q.tenant())))
                .append("\">Clear</a>\n</form>\n");
    }

    private static void counts(StringBuilder b, QueueQuery q, QueueQuery.Counts counts) {
        b.append("<div id=\"counts\" class=\"counts\"><span class=\"counts-label\">Severity</span>");
        chips(b, q, "severity", q.severity(), counts.bySeverity(), "sev");
        b.append("<span class=\"counts-label\">Status</span>");
        chips(b, q, "status", q.status(), counts.byStatus(), "status");
        b.append("<span id=\"live-state\" class=\"live\" title=\"Updates arrive from the service as they happen\">live</span></div>\n");
    }

    private static void chips(StringBuilder b, QueueQuery q, String key, String current, Map<String, Integer> counts, String css) {
        counts.forEach((value, n) -> {
            boolean on = value.equals(current);
            b.append("<a class=\"chip ").append(css).append('-').append(html(value)).append(on ? " on" : "")
                    .append("\" data-count-").append(key).append("=\"").append(html(value)).append("\" href=\"")
                    .append(html(q.with(key, on ? "" : value))).append("\">").append(html(value.replace('-', ' ')))
                    .append(" <b>").append(n).append("</b></a>");
        });
    }

    private static void table(StringBuilder b, QueueQuery q, List<QueueEntry> shown, int total, Map<String, String> assignees) {
        b.append("<p class=\"meta\" id=\"shown\">").append(shown.size()).append(" of ").append(total)
                .append(total == 1 ? " incident" : " incidents").append("</p>\n");
        if (shown.isEmpty()) {
            b.append("<p class=\"empty\" id=\"queue-empty\">").append(total == 0
                    ? "No incidents yet. New ones appear here as the service decides them."
                    : "No incident matches these filters.").append("</p>\n");
            return;
        }
        b.append("<div class=\"scroll\"><table id=\"queue\" class=\"queue\"><thead><tr>");
        for (String[] c : COLUMNS) {
            if (c[0].isEmpty()) {
                b.append("<th>").append(c[1]).append("</th>");
                continue;
            }
            boolean current = q.sort().equals(c[0]) || q.sort().equals("-" + c[0]);
            boolean descending = q.sort().startsWith("-");
            // first click: most severe / newest first for those columns, A→Z for the others
            String next = current ? (descending ? c[0] : "-" + c[0])
                    : (c[0].equals("severity") || c[0].equals("updated") || c[0].equals("first") ? "-" + c[0] : c[0]);
            b.append("<th").append(current ? " aria-sort=\"" + (descending ? "descending" : "ascending") + "\"" : "")
                    .append("><a class=\"sort\" data-sort=\"").append(c[0]).append("\" href=\"")
                    .append(html(q.with("sort", next))).append("\">").append(c[1])
                    .append(current ? (descending ? " ▼" : " ▲") : "").append("</a></th>");
        }
        b.append("</tr></thead>\n<tbody id=\"queue-body\">\n");
        for (QueueEntry e : shown) row(b, e, assignees.getOrDefault(e.row().id(), ""));
        b.append("</tbody></table></div>\n");
    }

    private static void row(StringBuilder b, QueueEntry e, String assignee) {
        Incident i = e.incident();
        b.append("<tr class=\"incident\" data-id=\"").append(html(i.id())).append("\" data-severity=\"")
                .append(html(e.row().severity())).append("\" data-status=\"").append(html(e.row().status())).append("\">")
                .append("<td>").append(Layout.badge(e.row().severity())).append("</td>")
                .append("<td><a class=\"open\" href=\"/incidents/").append(html(i.id())).append("\">").append(html(i.user()))
                .append("</a>").append(i.blastRadius().inCampaign() ? " <span class=\"tag\">campaign</span>" : "")
                .append("<div class=\"meta\">").append(html(i.summary())).append("</div><div class=\"detections\">");
        i.alerts().stream().map(a -> a.detectionId()).distinct()
                .forEach(d -> b.append("<span class=\"detection\">").append(html(d)).append("</span> "));
        b.append("</div></td>")
                .append("<td>").append(Layout.statusBadge(e.row().status()))
                .append(assignee.isEmpty() ? "" : "<div class=\"meta assignee\">" + html(assignee) + "</div>").append("</td>")
                .append("<td class=\"stages\">")
                .append(html(String.join(" → ", i.stages().stream().map(KillChainStage::label).toList()))).append("</td>")
                .append("<td>").append(Layout.shortTimeTag(i.firstAttackerActivity())).append("</td>")
                .append("<td>").append(Layout.shortTimeTag(e.row().updatedAt())).append("</td>")
                .append("<td class=\"mono\">");
        List<String> ips = i.infrastructure().addresses().stream().map(a -> a.ip()).toList();
        b.append(html(String.join(" ", ips.stream().limit(3).toList())))
                .append(ips.size() > 3 ? " <span class=\"meta\">+" + (ips.size() - 3) + "</span>" : "").append("</td></tr>\n");
    }
}
