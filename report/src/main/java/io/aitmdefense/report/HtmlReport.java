package io.aitmdefense.report;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.AttackerActivity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Campaign;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.SharedIndicator;
import io.aitmdefense.model.incident.Sighting;
import io.aitmdefense.model.SafeText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static io.aitmdefense.model.SafeText.html;

/**
 * The self-contained {@code report.html}: one file an analyst can open offline or attach to a ticket. It loads
 * nothing (inline CSS and SVG, and a Content-Security-Policy that forbids any fetch) and every value from the logs
 * is escaped, because log fields (user agents, rule names, subjects) are attacker-controlled.
 */
final class HtmlReport {
    /** Per incident; a week of background refreshes can put thousands of rows behind one alert. */
    static final int MAX_EVIDENCE_ROWS = 200;
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
            header,main{max-width:1100px;margin:0 auto;padding:16px 24px}
            header{border-bottom:1px solid #ddd;background:#fff;max-width:none}
            h1{font-size:22px;margin:4px 0}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
            .meta{color:#555;font-size:13px}
            table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
            th,td{border:1px solid #e1e3e8;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eef0f4;font-weight:600}
            td.mono,span.mono{font-family:ui-monospace,Consolas,monospace;font-size:12px;word-break:break-all}
            .sev{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
            .sev-critical{background:#b3001b}.sev-high{background:#d9480f}.sev-medium{background:#c99700}
            .sev-low{background:#2f6fd0}.sev-notice{background:#5c7f99}.sev-info{background:#777}
            article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 16px;margin:16px 0}
            .charts{display:flex;flex-wrap:wrap;gap:24px}
            svg text{font:11px system-ui,sans-serif;fill:#333}
            svg .stage{fill:#999}svg .stage.hit{fill:#111;font-weight:600}svg .tick{fill:#666}
            svg .grid{stroke:#e6e6e6}svg .chain{fill:none;stroke:#555;stroke-dasharray:3 3}
            details summary{cursor:pointer;color:#333}
            .empty{color:#666;font-style:italic}
            pre{background:#f3f4f6;border:1px solid #e1e3e8;padding:8px;overflow-x:auto;font-size:12px}
            .warning{background:#fff4e5;border:1px solid #e8a33d;border-radius:4px;padding:6px 10px;margin:6px 0}
            """;

    private final Map<String, DetectionInfo> catalogue;
    private final Map<String, Containment> containment;

    HtmlReport(List<DetectionInfo> catalogue) {
        this(catalogue, Map.of());
    }

    /** @param containment each incident's "Contain" section by incident id; an incident without one gets none */
    HtmlReport(List<DetectionInfo> catalogue, Map<String, Containment> containment) {
        Map<String, DetectionInfo> m = new LinkedHashMap<>();
        catalogue.forEach(d -> m.put(d.id(), d));
        this.catalogue = m;
        this.containment = Map.copyOf(containment);
    }

    String render(IncidentSet set, RunSummary run) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        b.append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<title>AiTM Defense incident report</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        header(b, set, run);
        b.append("<main>\n");
        incidentList(b, set, run);
        for (Incident i : set.incidents()) incident(b, i);
        overview(b, set);
        campaigns(b, set);
        notices(b, set);
        b.append("</main>\n</body></html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, IncidentSet set, RunSummary run) {
        b.append("<header><h1>AiTM Defense incident report</h1>\n<p class=\"meta\">");
        b.append(set.incidents().size()).append(set.incidents().size() == 1 ? " incident, " : " incidents, ")
                .append(set.alerts().size()).append(" alerts, ").append(set.campaigns().size())
                .append(set.campaigns().size() == 1 ? " campaign" : " campaigns").append("<br>");
        b.append(run.events()).append(" events read, ").append(run.rejected()).append(" rejected, ")
                .append(run.late()).append(" too late");
        run.logs().ifPresent(s -> b.append("; logs from ").append(Text.time(s.first())).append(" to ").append(Text.time(s.last())));
        b.append("<br>generated ").append(Text.time(run.generated())).append(" by aitm ").append(html(run.toolVersion()));
        b.append("</p>\n");
        if (!run.inputs().isEmpty()) {
            b.append("<details class=\"meta\"><summary>").append(run.inputs().size())
                    .append(run.inputs().size() == 1 ? " input file" : " input files").append("</summary><span class=\"mono\">")
                    .append(String.join("<br>", run.inputs().stream().map(SafeText::html).toList()))
                    .append("</span></details>\n");
        }
        run.nothingReadWarning().ifPresent(w -> b.append("<p class=\"warning\" id=\"nothing-read\">").append(html(w)).append("</p>\n"));
        if (!run.unreadable().isEmpty()) {
            b.append("<details class=\"warning\" id=\"unreadable\" open><summary>").append(run.unreadable().size())
                    .append(run.unreadable().size() == 1 ? " file was" : " files were")
                    .append(" skipped as unreadable: their records were not analysed</summary>\n<ul>");
            for (RunSummary.UnreadableFile f : run.unreadable()) {
                b.append("<li><span class=\"mono\">").append(html(f.file())).append("</span>: ").append(html(f.reason())).append("</li>");
            }
            b.append("</ul></details>\n");
        }
        b.append("</header>\n");
    }

    private static void overview(StringBuilder b, IncidentSet set) {
        b.append("<section id=\"overview\"><h2>Overview</h2><div class=\"charts\">\n<div><h3>Incidents per severity</h3>");
        List<SvgCharts.Bar> severities = new ArrayList<>();
        Severity[] all = Severity.values();
        for (int k = all.length - 1; k >= 0; k--) {
            severities.add(new SvgCharts.Bar(all[k].label(), set.incidentsBySeverity().get(all[k]), SvgCharts.colour(all[k])));
        }
        b.append(SvgCharts.bars("Incidents per severity", severities)).append("</div>\n<div><h3>Alerts per detection</h3>");
        List<SvgCharts.Bar> detections = new ArrayList<>();
        set.alertsByDetection().forEach((id, n) -> detections.add(new SvgCharts.Bar(id, n, "#4a5a7a")));
        if (detections.isEmpty()) b.append("<p class=\"empty\">No alerts.</p>");
        else b.append(SvgCharts.bars("Alerts per detection", detections));
        b.append("</div></div></section>\n");
    }

    private static void incidentList(StringBuilder b, IncidentSet set, RunSummary run) {
        b.append("<section id=\"incidents\"><h2>Incidents</h2>\n");
        if (set.incidents().isEmpty()) {
            b.append(run.events() == 0 ? "<p class=\"empty\">No log was analysed: see the warning above.</p></section>\n"
                    : "<p class=\"empty\">No incidents: no detection fired on these logs.</p></section>\n");
            return;
        }
        b.append("<table><tr><th>severity</th><th>user</th><th>stages</th><th>first attacker activity</th>"
                + "<th>attacker</th><th>campaign</th><th>incident</th></tr>\n");
        for (Incident i : set.incidents()) {
            b.append("<tr class=\"incident\"><td>").append(badge(i.severity())).append("</td><td>").append(html(i.user()))
                    .append("</td><td>").append(html(String.join(" → ", i.stages().stream().map(s -> s.label()).toList())))
                    .append("</td><td>").append(Text.time(i.firstAttackerActivity())).append("</td><td class=\"mono\">")
                    .append(html(String.join(", ", i.infrastructure().addresses().stream().limit(3).map(AttackerAddress::describe).toList())))
                    .append(i.infrastructure().addresses().size() > 3 ? " (+" + (i.infrastructure().addresses().size() - 3) + ")" : "")
                    .append("</td><td>")
                    .append(i.blastRadius().inCampaign() ? "<a href=\"#" + html(i.blastRadius().campaignId()) + "\">"
                            + html(i.blastRadius().campaignId()) + "</a>" : "")
                    .append("</td><td><a href=\"#").append(html(i.id())).append("\">").append(html(i.id())).append("</a></td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private void incident(StringBuilder b, Incident i) {
        b.append("<article id=\"").append(html(i.id())).append("\"><h2>").append(badge(i.severity())).append(' ')
                .append(html(i.user())).append(" <span class=\"meta mono\">").append(html(i.id())).append("</span></h2>\n");
        b.append("<p>").append(html(i.summary())).append("</p>\n<p class=\"meta\">from ").append(Text.time(i.start()))
                .append(" to ").append(Text.time(i.end())).append(", confidence ")
                .append(String.format(Locale.ROOT, "%.2f", i.confidence())).append("</p>\n");
        if (i.blastRadius().inCampaign()) {
            b.append("<p>Part of campaign <a href=\"#").append(html(i.blastRadius().campaignId())).append("\">")
                    .append(html(i.blastRadius().campaignId())).append("</a>");
            if (!i.blastRadius().otherUsers().isEmpty()) {
                b.append(" with ").append(html(String.join(", ", i.blastRadius().otherUsers())));
            }
            if (!i.blastRadius().alsoSeenUsers().isEmpty()) {
                b.append("; also seen from this infrastructure: ").append(html(String.join(", ", i.blastRadius().alsoSeenUsers())));
            }
            b.append(".</p>\n");
        }
        List<IncidentView.Step> steps = IncidentView.steps(i);
        b.append("<h3>Kill-chain timeline</h3>\n").append(SvgCharts.timeline(i, steps)).append('\n');
        b.append("<table class=\"timeline\"><tr><th>time</th><th>stage</th><th>what happened</th><th>detection</th>"
                + "<th>severity</th><th>ATT&amp;CK</th></tr>\n");
        for (IncidentView.Step t : steps) {
            Alert a = t.alert();
            b.append("<tr class=\"step\"><td>").append(Text.time(t.time())).append("</td><td>").append(html(t.stage().label()))
                    .append("</td><td><details><summary>").append(html(t.what())).append("</summary>")
                    .append(html(a.explanation())).append("</details></td><td>").append(html(a.title()))
                    .append("<br><span class=\"mono\">").append(html(a.detectionId())).append("</span></td><td>")
                    .append(badge(a.severity())).append("</td><td class=\"mono\">")
                    .append(html(String.join(" ", a.techniques()))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        changes(b, i);
        infrastructure(b, i);
        Containment c = containment.get(i.id());
        if (c != null) contain(b, c);
        evidence(b, i);
        attackerActivity(b, i);
        nextSteps(b, i);
        b.append("<p class=\"meta\"><a href=\"#incidents\">↑ all incidents</a></p>\n</article>\n");
    }

    /** The rule, the consent, the method, the policy: names first, with the ids a response acts on. */
    private static void changes(StringBuilder b, Incident i) {
        List<io.aitmdefense.events.Artifact> artifacts = ArtifactText.of(i);
        if (artifacts.isEmpty()) return;
        b.append("<h3>What the attacker changed</h3>\n<table><tr><th>what</th><th>change</th><th>ids</th></tr>\n");
        for (io.aitmdefense.events.Artifact a : artifacts) {
            ArtifactText.Line line = ArtifactText.describe(a);
            b.append("<tr class=\"artifact\"><td>").append(html(line.kind())).append("</td><td>").append(html(line.what()))
                    .append("</td><td class=\"mono\">").append(html(line.ids())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /**
     * What a responder runs, with this incident's values: the plan's steps, the IP block, the indicators, and the
     * commands to paste. Computed offline: nothing in it has been sent to the tenant.
     */
    private static void contain(StringBuilder b, Containment c) {
        b.append("<section class=\"contain\" id=\"contain-").append(html(c.incidentId())).append("\"><h3>Contain</h3>\n")
                .append("<p class=\"meta\">Planned offline from this incident's evidence; nothing has been sent to the tenant. ")
                .append("<span class=\"mono\">").append(html(c.planCommand())).append("</span> checks the account first; ")
                .append("<span class=\"mono\">aitm respond run … --approve</span> runs the steps, verified and audited.</p>\n");
        b.append("<table><tr><th>step</th><th>what</th><th>request</th><th>runs on</th><th>reversible</th></tr>\n");
        for (Containment.Step s : c.steps()) {
            b.append("<tr class=\"contain-step\"><td class=\"mono\">").append(html(s.id())).append("</td><td>").append(html(s.title()))
                    .append("</td><td class=\"mono\">").append(html(s.request())).append("</td><td>").append(html(s.gate()))
                    .append("</td><td>").append(s.reversible() ? "yes" : "no").append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (String w : c.warnings()) b.append("<p class=\"warning\">").append(html(w)).append("</p>\n");
        if (!c.blockRanges().isEmpty()) {
            b.append("<p>Block as an untrusted IP named location (then reference it from a blocking Conditional Access policy): ")
                    .append("<span class=\"mono block\">").append(html(String.join(", ", c.blockRanges()))).append("</span></p>\n")
                    .append("<details><summary>named-location body (POST /v1.0/identity/conditionalAccess/namedLocations)</summary>")
                    .append("<pre class=\"named-location\">").append(html(c.namedLocation())).append("</pre></details>\n");
        }
        if (!c.indicators().isEmpty()) {
            b.append("<details><summary>Indicators (").append(c.indicators().size()).append(")</summary>\n")
                    .append("<table><tr><th>type</th><th>value</th><th>context</th></tr>\n");
            for (Containment.Indicator x : c.indicators()) {
                b.append("<tr class=\"ioc\"><td>").append(html(x.type())).append("</td><td class=\"mono\">").append(html(x.value()))
                        .append("</td><td>").append(html(x.context())).append("</td></tr>\n");
            }
            b.append("</table></details>\n");
        }
        for (Containment.Commands cmd : c.commands()) {
            if (cmd.text().isBlank()) continue;
            b.append("<details><summary>").append(html(cmd.title())).append("</summary><pre class=\"commands ")
                    .append(html(cmd.language())).append("\">").append(html(cmd.text())).append("</pre></details>\n");
        }
        b.append("</section>\n");
    }

    private static void infrastructure(StringBuilder b, Incident i) {
        b.append("<h3>Attacker infrastructure</h3>\n");
        if (i.infrastructure().isEmpty()) {
            b.append("<p class=\"empty\">The alerts name no attacker address, network, agent or session.</p>\n");
            return;
        }
        b.append("<table><tr><th>what</th><th>value</th><th>network</th><th>country</th></tr>\n");
        for (AttackerAddress a : i.infrastructure().addresses()) {
            b.append("<tr class=\"address\"><td>IP address</td><td class=\"mono\">").append(html(a.ip())).append("</td><td>")
                    .append(a.asn() > 0 ? html(new AttackerNetwork(a.asn(), a.owner(), a.kind()).describe()) : "unknown")
                    .append("</td><td>").append(a.country().isEmpty() ? "unknown" : html(a.country())).append("</td></tr>\n");
        }
        for (AttackerNetwork n : i.infrastructure().networks()) {
            b.append("<tr><td>network</td><td class=\"mono\">AS").append(n.asn()).append("</td><td>")
                    .append(html(n.describe())).append("</td><td></td></tr>\n");
        }
        for (String ua : i.infrastructure().userAgents()) {
            b.append("<tr><td>user agent</td><td class=\"mono\">").append(html(ua)).append("</td><td></td><td></td></tr>\n");
        }
        for (String s : i.infrastructure().sessionIds()) {
            b.append("<tr><td>session id</td><td class=\"mono\">").append(html(s)).append("</td><td></td><td></td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** Each record once, collapsed: the timeline says what happened, this is where to find it in the logs. */
    private static void evidence(StringBuilder b, Incident i) {
        List<IncidentView.Record> records = IncidentView.records(i);
        int rows = records.size();
        b.append("<details class=\"evidence\"><summary>Evidence: ").append(rows).append(rows == 1 ? " log record" : " log records")
                .append("</summary>\n<table><tr><th>time</th><th>log</th><th>record</th><th>detections</th>"
                        + "<th>what it shows</th></tr>\n");
        int shown = 0;
        for (IncidentView.Record r : records) {
            if (shown++ == MAX_EVIDENCE_ROWS) {
                b.append("<tr><td colspan=\"5\" class=\"empty\">").append(rows - MAX_EVIDENCE_ROWS)
                        .append(" more records are listed in incidents.json</td></tr>\n");
            }
            if (shown > MAX_EVIDENCE_ROWS) continue;
            Evidence e = r.evidence();
            b.append("<tr class=\"evidence\"><td>").append(Text.time(e.time())).append("</td><td>")
                    .append(html(e.kind().label())).append("</td><td class=\"mono\">").append(record(e.record()))
                    .append("</td><td class=\"mono\">").append(html(String.join(" ", r.detections()))).append("</td><td>")
                    .append(html(String.join("; ", r.summaries()))).append("</td></tr>\n");
        }
        b.append("</table></details>\n");
    }

    /** {@code file:1#17} and, beneath, the id to search for in the Entra portal or Sentinel, with what kind it is. */
    static String record(RecordRef r) {
        String place = html(r.location());
        if (r.recordId().isEmpty()) return place;
        return place + "<br><span title=\"" + html(RecordIds.label(r.idKind())) + "\">" + html(r.recordId()) + "</span>";
    }

    private static void attackerActivity(StringBuilder b, Incident i) {
        if (i.attackerActivity().isEmpty()) return;
        b.append("<details class=\"activity\"><summary>Activity from the attacker's addresses (").append(i.attackerActivity().size())
                .append(i.attackerActivity().size() == 1 ? " operation" : " operations")
                .append(")</summary>\n<table><tr><th>operation</th><th>address</th><th>count</th><th>first</th><th>last</th>"
                        + "<th>first record</th></tr>\n");
        for (AttackerActivity a : i.attackerActivity()) {
            b.append("<tr class=\"activity\"><td>").append(html(a.operation())).append("</td><td class=\"mono\">")
                    .append(html(a.ip())).append("</td><td>").append(a.count()).append("</td><td>").append(Text.time(a.first()))
                    .append("</td><td>").append(Text.time(a.last())).append("</td><td class=\"mono\">")
                    .append(record(a.evidence().record())).append("</td></tr>\n");
        }
        b.append("</table></details>\n");
    }

    private void nextSteps(StringBuilder b, Incident i) {
        List<DetectionInfo> infos = i.alerts().stream().map(Alert::detectionId).distinct()
                .map(catalogue::get).filter(Objects::nonNull).toList();
        if (infos.isEmpty()) return;
        b.append("<details><summary>Why these detections matter and what to check next</summary>\n<dl>");
        for (DetectionInfo d : infos) {
            b.append("<dt><b>").append(html(d.title())).append("</b> <span class=\"mono\">").append(html(d.id()))
                    .append("</span></dt><dd>").append(html(d.why())).append("<br><i>Next:</i> ").append(html(d.nextSteps()))
                    .append("<br><i>Known false positives:</i> ").append(html(d.falsePositives())).append("</dd>");
        }
        b.append("</dl></details>\n");
    }

    /** Low alerts of users without an incident: listed so that a planned-looking admin change is still confirmed. */
    private static void notices(StringBuilder b, IncidentSet set) {
        if (set.notices().isEmpty()) return;
        b.append("<section id=\"notices\"><h2>Notices</h2>\n<p>Low-severity alerts of users without an incident: "
                + "worth a look, not an incident on their own.</p>\n<table><tr><th>time</th><th>user</th><th>detection</th>"
                + "<th>what it shows</th></tr>\n");
        for (Alert a : set.notices()) {
            b.append("<tr class=\"notice\"><td>").append(Text.time(a.start())).append("</td><td>").append(html(a.user()))
                    .append("</td><td>").append(html(a.detectionId())).append("</td><td>").append(html(a.explanation()))
                    .append("</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void campaigns(StringBuilder b, IncidentSet set) {
        b.append("<section id=\"campaigns\"><h2>Campaigns and blast radius</h2>\n");
        if (set.campaigns().isEmpty()) {
            b.append("<p class=\"empty\">No attacker infrastructure is shared between users.</p></section>\n");
            return;
        }
        for (Campaign c : set.campaigns()) {
            b.append("<article id=\"").append(html(c.id())).append("\"><h3>").append(badge(c.severity())).append(' ')
                    .append(html(c.id())).append(": ").append(c.allUsers().size()).append(" users</h3>\n<p class=\"meta\">")
                    .append(Text.time(c.firstSeen())).append(" to ").append(Text.time(c.lastSeen())).append("</p>\n");
            b.append("<p>Users with incidents: ");
            b.append(html(String.join(", ", c.users()))).append("</p>\n");
            b.append("<table><tr><th>shared</th><th>value</th><th>users</th></tr>\n");
            for (SharedIndicator s : c.indicators()) {
                b.append("<tr><td>").append(html(s.kind().label())).append("</td><td class=\"mono\">").append(html(s.label()))
                        .append("</td><td>").append(html(String.join(", ", s.users()))).append("</td></tr>\n");
            }
            b.append("</table>\n");
            if (!c.alsoSeen().isEmpty()) {
                b.append("<h3>Also seen from this infrastructure</h3>\n<table><tr><th>user</th><th>address</th><th>first seen</th><th>activity</th></tr>\n");
                for (Sighting s : c.alsoSeen()) {
                    b.append("<tr><td>").append(html(s.user())).append("</td><td class=\"mono\">").append(html(s.ip()))
                            .append("</td><td>").append(Text.time(s.time())).append("</td><td>").append(html(s.activity()))
                            .append("</td></tr>\n");
                }
                b.append("</table>\n");
            }
            b.append("</article>\n");
        }
        b.append("</section>\n");
    }

    private static String badge(Severity s) {
        return "<span class=\"sev sev-" + s.label() + "\">" + s.label() + "</span>";
    }
}
