package io.aitmdefense.report;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.model.incident.Incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What the attacker planted or changed, as people read it: names first (the app's display name, the mailbox, the
 * policy's name), the identifiers a response needs beside them, a GUID only where the logs had no name.
 */
public final class ArtifactText {
    private ArtifactText() {
    }

    /** What a person reads and the ids a responder acts on ("" when the logs had none). */
    public record Line(String kind, String what, String ids) {
    }

    /** Every distinct artifact of the incident's alerts, in the order the alerts happened. */
    public static List<Artifact> of(Incident incident) {
        LinkedHashSet<Artifact> all = new LinkedHashSet<>();
        incident.alerts().forEach(a -> all.addAll(a.artifacts()));
        return List.copyOf(all);
    }

    public static Line describe(Artifact artifact) {
        if (artifact instanceof Artifact.InboxRule r) {
            List<String> does = new ArrayList<>();
            if (!r.forwardTo().isEmpty()) does.add("forwards to " + String.join(", ", r.forwardTo()));
            if (!r.redirectTo().isEmpty()) does.add("redirects to " + String.join(", ", r.redirectTo()));
            if (!r.forwardAsAttachmentTo().isEmpty()) does.add("forwards as attachment to " + String.join(", ", r.forwardAsAttachmentTo()));
            if (r.deletes()) does.add("deletes");
            if (r.marksRead()) does.add("marks read");
            if (!r.moveToFolder().isEmpty()) does.add("moves to " + r.moveToFolder());
            if (r.stopsProcessing()) does.add("stops further rules");
            String name = r.name().isBlank() ? "without a name" : "'" + r.name() + "'";
            return new Line("inbox rule", r.operation() + " rule " + name + (r.mailbox().isEmpty() ? "" : " in " + r.mailbox())
                    + (does.isEmpty() ? "" : ": " + String.join(", ", does))
                    + (r.conditions().isEmpty() ? "" : " when " + r.conditions()), ids("rule", r.ruleId()));
        }
        if (artifact instanceof Artifact.MailForwarding f) {
            return new Line("mailbox forwarding", f.operation() + ": " + (f.mailbox().isEmpty() ? "mail" : f.mailbox())
                    + " forwarded to " + String.join(", ", f.addresses()) + (f.keepsCopy() ? ", keeping a copy" : ""), "");
        }
        if (artifact instanceof Artifact.MailboxDelegation d) {
            return new Line("mailbox delegation", d.operation() + ": " + d.rights() + " on " + d.mailbox() + " for " + d.grantee(), "");
        }
        if (artifact instanceof Artifact.AppConsent c) {
            String app = !c.appName().isEmpty() ? c.appName() : !c.appId().isEmpty() ? "app " + c.appId()
                    : "an application this record does not name";
            String scope = "AllPrincipals".equalsIgnoreCase(c.consentType()) ? " for every user of the tenant" : "";
            return new Line("OAuth consent", "consent to " + app + scope + (c.adminConsent() ? " by an admin" : "")
                    + (c.scopes().isEmpty() ? "" : ": " + String.join(" ", c.scopes())),
                    ids("app", c.appId(), "service principal", c.servicePrincipalId(), "grants", String.join(", ", c.grantIds())));
        }
        if (artifact instanceof Artifact.MfaMethodChange m) {
            return new Line("MFA method", (m.added() ? "registered " : "changed or removed ") + m.method()
                    + (m.byAdmin() ? " (by an admin)" : ""), ids("method", m.methodId()));
        }
        if (artifact instanceof Artifact.DeviceRegistration d) {
            String os = (d.operatingSystem() + " " + d.osVersion()).trim();
            return new Line("device", "registered " + (d.displayName().isEmpty() ? "a device" : d.displayName())
                    + (os.isEmpty() ? "" : " (" + os + (d.trustType().isEmpty() ? "" : ", " + d.trustType()) + ")"),
                    ids("device", d.deviceId()));
        }
        Artifact.PolicyChange p = (Artifact.PolicyChange) artifact;
        String kind = switch (p.kind()) {
            case CONDITIONAL_ACCESS -> "Conditional Access policy";
            case NAMED_LOCATION -> "named location";
            case AUTH_METHODS -> "authentication methods policy";
            case CROSS_TENANT_ACCESS -> "cross-tenant access setting";
            case DOMAIN_FEDERATION -> "domain federation setting";
            case OTHER -> "policy";
        };
        String name = p.policyName().isEmpty() ? p.policyId() : "'" + p.policyName() + "'";
        return new Line(kind.toLowerCase(Locale.ROOT).startsWith("conditional") ? "CA policy" : kind,
                p.operation() + ": " + kind + " " + name, ids("policy", p.policyName().isEmpty() ? "" : p.policyId()));
    }

    /** {@code app 0c6a…; service principal 5f0e…}, leaving out what was not logged. */
    private static String ids(String... labelsAndValues) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k + 1 < labelsAndValues.length; k += 2) {
            if (!labelsAndValues[k + 1].isEmpty()) parts.add(labelsAndValues[k] + " " + labelsAndValues[k + 1]);
        }
        return String.join("; ", parts);
    }
}
