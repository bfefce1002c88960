package io.aitmdefense.server.console;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.ArtifactText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.aitmdefense.model.SafeText.html;

/**
 * The first thing on an incident page: what to do, taken from the alerts' structured artifacts and the incident's
 * infrastructure, not from prose. Users to contain (this one and the campaign's other victims), the addresses and
 * networks to block, the forwarding destinations to remove (inbox rules and mailbox forwarding), the consented apps
 * to remove, and every other planted change (MFA methods, devices, delegations, policies) to undo.
 */
final class TriageSummary {
    private TriageSummary() {
    }

    static void render(StringBuilder b, Incident i, Map<String, String> campaignIncidents) {
        b.append("<section id=\"triage\" class=\"triage\" aria-labelledby=\"triage-h\"><h2 id=\"triage-h\">Triage</h2>\n")
                .append("<div class=\"cards\">\n");
        card(b, "triage-users", "Users to contain", users(i, campaignIncidents), "No user.");
        card(b, "triage-network", "IPs and networks to block", network(i), "The alerts name no attacker address.");
        card(b, "triage-forwarding", "Forwarding to remove", forwarding(i), "No forwarding was set up.");
        card(b, "triage-apps", "Apps to remove", apps(i), "No application was consented to.");
        List<String> other = other(i);
        if (!other.isEmpty()) card(b, "triage-other", "Other changes to undo", other, "");
        b.append("</div></section>\n");
    }

    private static void card(StringBuilder b, String id, String title, List<String> items, String none) {
        b.append("<div class=\"card\" id=\"").append(id).append("\"><h3>").append(title).append("</h3>");
        if (items.isEmpty()) b.append("<p class=\"empty\">").append(none).append("</p>");
        else {
            b.append("<ul>");
            items.forEach(item -> b.append("<li>").append(item).append("</li>"));
            b.append("</ul>");
        }
        b.append("</div>\n");
    }

    private static List<String> users(Incident i, Map<String, String> campaignIncidents) {
        List<String> out = new ArrayList<>();
        out.add("<span class=\"value\" data-user=\"" + html(i.user()) + "\">" + html(i.user()) + "</span> <span class=\"meta\">this incident</span>");
        for (String u : i.blastRadius().otherUsers()) {
            String id = campaignIncidents.get(u);
            String name = id == null ? html(u) : "<a href=\"/incidents/" + html(id) + "\">" + html(u) + "</a>";
            out.add("<span class=\"value\" data-user=\"" + html(u) + "\">" + name + "</span> <span class=\"meta\">same attacker infrastructure</span>");
        }
        for (String u : i.blastRadius().alsoSeenUsers()) {
            out.add("<span class=\"value\" data-seen-user=\"" + html(u) + "\">" + html(u) + "</span> <span class=\"meta\">"
                    + "seen from the attacker's infrastructure, no incident: check</span>");
        }
        return out;
    }

    private static List<String> network(Incident i) {
        List<String> out = new ArrayList<>();
        for (AttackerAddress a : i.infrastructure().addresses()) {
            String where = a.asn() > 0 ? AttackerNetwork.label(a.asn(), a.owner(), a.kind()) : "network unknown";
            out.add("<span class=\"value mono\" data-ip=\"" + html(a.ip()) + "\">" + html(a.ip()) + "</span> <span class=\"meta\">"
                    + html(where + (a.country().isEmpty() ? "" : ", " + a.country())) + "</span>");
        }
        for (AttackerNetwork n : i.infrastructure().networks()) {
            out.add("<span class=\"value mono\" data-asn=\"" + n.asn() + "\">AS" + n.asn() + "</span> <span class=\"meta\">"
                    + html(n.describe()) + "</span>");
        }
        return out;
    }

    private static List<String> forwarding(Incident i) {
        List<String> out = new ArrayList<>();
        for (Artifact a : ArtifactText.of(i)) {
            if (a instanceof Artifact.InboxRule r && !r.removed()) {
                String rule = "inbox rule " + (r.name().isBlank() ? "without a name" : "'" + r.name() + "'")
                        + (r.mailbox().isEmpty() ? "" : " in " + r.mailbox()) + (r.ruleId().isEmpty() ? "" : " (rule id " + r.ruleId() + ")");
                for (String to : r.recipients()) out.add(address(to, "by " + rule));
            } else if (a instanceof Artifact.MailForwarding f) {
                for (String to : f.addresses()) {
                    out.add(address(to, "mailbox forwarding" + (f.mailbox().isEmpty() ? "" : " of " + f.mailbox())
                            + (f.keepsCopy() ? ", keeping a copy" : "")));
                }
            }
        }
        return out;
    }

    private static String address(String to, String how) {
        return "<span class=\"value mono\" data-forward=\"" + html(to) + "\">" + html(to) + "</span> <span class=\"meta\">"
                + html(how) + "</span>";
    }

    private static List<String> apps(Incident i) {
        List<String> out = new ArrayList<>();
        for (Artifact a : ArtifactText.of(i)) {
            if (!(a instanceof Artifact.AppConsent c)) continue;
            String name = !c.appName().isEmpty() ? c.appName() : !c.appId().isEmpty() ? c.appId() : "an unnamed application";
            out.add("<span class=\"value\" data-app=\"" + html(c.appId()) + "\">" + html(name) + "</span> <span class=\"meta\">"
                    + html(ArtifactText.describe(c).ids()) + "</span>");
        }
        return out;
    }

    /** Planted changes that are neither forwarding nor consent: methods, devices, delegations, rules that only hide mail, policies. */
    private static List<String> other(Incident i) {
        List<String> out = new ArrayList<>();
        for (Artifact a : ArtifactText.of(i)) {
            if (a instanceof Artifact.AppConsent || a instanceof Artifact.MailForwarding) continue;
            if (a instanceof Artifact.InboxRule r && (!r.recipients().isEmpty() || r.removed())) continue;
            ArtifactText.Line line = ArtifactText.describe(a);
            out.add("<span class=\"value\">" + html(line.kind()) + "</span> " + html(line.what())
                    + (line.ids().isEmpty() ? "" : " <span class=\"meta mono\">" + html(line.ids()) + "</span>"));
        }
        return out;
    }
}
