package io.aitmdefense.respond.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.SafeText;
import io.aitmdefense.respond.audit.AuditHistory;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * The remediation of one incident for a manager or an auditor: what was found (with the log records it rests on),
 * what was done, when and by whom (from the audit trail, each line with its hash), what is still open, and whether
 * the audit chain verifies. Markdown and HTML from the same rows.
 */
public final class RemediationReport {
    private final Plan plan;
    private final AuditHistory audit;

    public RemediationReport(Plan plan, AuditHistory audit) {
        this.plan = plan;
        this.audit = audit;
    }

    record Row(String when, String who, String step, String what, String result, String hash) {
    }

    /** What was found: one line per thing the attacker did or left. */
    List<String> found() {
        Findings f = plan.findings();
        List<String> out = new ArrayList<>();
        out.add("Sessions of " + f.user() + " replayed from " + (f.ips().isEmpty() ? "unknown addresses" : String.join(", ", f.ips()))
                + " between " + f.firstActivity() + " and " + f.lastActivity() + " (detections: " + String.join(", ", f.detections()) + ")");
        for (Target.InboxRule r : f.rules()) {
            out.add("Inbox rule \"" + r.name() + "\" in " + r.mailbox() + (r.recipients().isEmpty() ? "" : " forwarding to "
                    + String.join(", ", r.recipients())) + " — records " + String.join(", ", r.evidence()));
        }
        for (Target.Forwarding fw : f.forwarding()) {
            out.add("Mailbox forwarding of " + fw.mailbox() + " to " + String.join(", ", fw.addresses()) + " — records "
                    + String.join(", ", fw.evidence()));
        }
        for (Target.Consent c : f.consents()) {
            out.add("OAuth consent to " + (c.appName().isEmpty() ? c.appId() : c.appName() + " (" + c.appId() + ")") + " for "
                    + String.join(" ", c.scopes()) + " — records " + String.join(", ", c.evidence()));
        }
        for (Target.Method m : f.methods()) {
            out.add("Authentication method registered: " + m.method() + " at " + m.registered() + " — records "
                    + String.join(", ", m.evidence()));
        }
        for (Target.Device d : f.devices()) {
            out.add("Device registered: " + d.displayName() + " (" + d.deviceId() + ") — records " + String.join(", ", d.evidence()));
        }
        return out;
    }

    /** What was done: the write and decision lines of this incident, in order. */
    List<Row> done() {
        List<Row> rows = new ArrayList<>();
        for (JsonNode e : audit.entries()) {
            if (!e.path("incident").asText().equals(plan.findings().incidentId())) continue;
            String event = e.path("event").asText();
            if (event.equals("read")) continue;
            String what = e.has("request") ? e.path("request").asText() + (e.has("status") ? " → " + e.path("status").asInt() : "")
                    : e.path("message").asText();
            if (event.equals("verify")) what = e.path("message").asText();
            rows.add(new Row(e.path("time").asText(), e.path("actor").asText() + " (" + e.path("approval").asText() + ")",
                    e.path("step").asText(), what, e.path("outcome").asText(), e.path("hash").asText()));
        }
        return rows;
    }

    /** Steps with no verified or already-done line yet. */
    List<Step> open() {
        List<Step> open = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s.kind() == io.aitmdefense.respond.plan.StepKind.EVIDENCE) continue;
            boolean closed = audit.entries().stream().anyMatch(e -> e.path("incident").asText().equals(plan.findings().incidentId())
                    && e.path("step").asText().equals(s.id()) && (e.path("outcome").asText().equals("verified")
                    || e.path("outcome").asText().equals("already-done") || e.path("outcome").asText().equals("done")));
            if (!closed) open.add(s);
        }
        return open;
    }

    private String chain() {
        return audit.check().intact()
                ? "The audit trail " + audit.file().getFileName() + " verifies: " + audit.check().entries()
                + " entries, each sealed with the SHA-256 of the one before; last hash " + audit.check().lastHash() + "."
                : "The audit trail " + audit.file().getFileName() + " is BROKEN at line " + audit.check().brokenLine() + " ("
                + audit.check().reason() + "): only the " + audit.check().entries() + " entries before it are shown.";
    }

    public String markdown() {
        Findings f = plan.findings();
        StringBuilder b = new StringBuilder();
        b.append("# Remediation of incident ").append(f.incidentId()).append("\n\n");
        b.append("Account: **").append(f.user()).append("**. Plan created ").append(plan.created()).append(".\n\n");
        b.append("## What was found\n\n");
        found().forEach(x -> b.append("- ").append(md(x)).append('\n'));
        b.append("\n## What was done\n\n| when (UTC) | by | step | what | result | audit hash |\n|---|---|---|---|---|---|\n");
        for (Row r : done()) {
            b.append("| ").append(md(r.when())).append(" | ").append(md(r.who())).append(" | ").append(md(r.step())).append(" | ")
                    .append(md(r.what())).append(" | ").append(md(r.result())).append(" | `").append(r.hash(), 0, Math.min(16, r.hash().length()))
                    .append("…` |\n");
        }
        b.append("\n## Still open\n\n");
        List<Step> open = open();
        if (open.isEmpty()) b.append("Nothing: every step is verified.\n");
        open.forEach(s -> b.append("- ").append(md(s.title())).append(" (`").append(s.id()).append("`)\n"));
        if (!f.campaignUsers().isEmpty()) {
            b.append("\nOther users of the same campaign, to review: ").append(md(String.join(", ", f.campaignUsers()))).append(".\n");
        }
        b.append("\n## Integrity\n\n").append(md(chain())).append('\n');
        return b.toString();
    }

    public String html() {
        Findings f = plan.findings();
        StringBuilder b = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Remediation of ")
                .append(SafeText.html(f.incidentId())).append("</title>\n<style>body{font:14px/1.45 system-ui,sans-serif;max-width:72rem;"
                        + "margin:2rem auto;padding:0 1rem;color:#1b1f24}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;"
                        + "padding:.3rem .5rem;text-align:left;vertical-align:top}code{font-size:12px}.failed{color:#b42318}.verified{color:#067647}"
                        + "</style></head><body>\n");
        b.append("<h1>Remediation of incident ").append(SafeText.html(f.incidentId())).append("</h1>\n<p>Account: <strong>")
                .append(SafeText.html(f.user())).append("</strong>. Plan created ").append(plan.created()).append(".</p>\n");
        b.append("<h2>What was found</h2>\n<ul>\n");
        found().forEach(x -> b.append("<li>").append(SafeText.html(x)).append("</li>\n"));
        b.append("</ul>\n<h2>What was done</h2>\n<table><tr><th>when (UTC)</th><th>by</th><th>step</th><th>what</th><th>result</th><th>audit hash</th></tr>\n");
        for (Row r : done()) {
            b.append("<tr><td>").append(SafeText.html(r.when())).append("</td><td>").append(SafeText.html(r.who())).append("</td><td>")
                    .append(SafeText.html(r.step())).append("</td><td>").append(SafeText.html(r.what())).append("</td><td class=\"")
                    .append(SafeText.html(r.result())).append("\">").append(SafeText.html(r.result())).append("</td><td><code title=\"")
                    .append(SafeText.html(r.hash())).append("\">").append(SafeText.html(r.hash().substring(0, Math.min(16, r.hash().length()))))
                    .append("…</code></td></tr>\n");
        }
        b.append("</table>\n<h2>Still open</h2>\n<ul>\n");
        List<Step> open = open();
        if (open.isEmpty()) b.append("<li>Nothing: every step is verified.</li>\n");
        open.forEach(s -> b.append("<li>").append(SafeText.html(s.title())).append(" (<code>").append(SafeText.html(s.id())).append("</code>)</li>\n"));
        b.append("</ul>\n<h2>Integrity</h2>\n<p>").append(SafeText.html(chain())).append("</p>\n</body></html>\n");
        return b.toString();
    }

    /** Markdown table cells and text: a pipe or a backtick from a log value must not break the layout. */
    private static String md(String s) {
        return SafeText.terminal(s).replace("<", "&lt;").replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }
}
