package io.aitmdefense.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Artifact;

import java.util.List;

/**
 * The structured artifacts of an alert in {@code aitm.incidents/2}: what the attacker planted or changed, with the
 * identifiers a response needs (rule id, service principal and grant ids, method id, policy id). Each object has a
 * {@code type} and the artifact's fields, written by hand like the rest of the format.
 */
final class ArtifactJson {
    private ArtifactJson() {
    }

    static ObjectNode write(Artifact artifact, ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        if (artifact instanceof Artifact.InboxRule r) {
            n.put("type", "inbox-rule");
            n.put("operation", r.operation());
            n.put("mailbox", r.mailbox());
            n.put("ruleId", r.ruleId());
            n.put("name", r.name());
            n.put("enabled", r.enabled());
            n.put("conditions", r.conditions());
            strings(n.putArray("forwardTo"), r.forwardTo());
            strings(n.putArray("redirectTo"), r.redirectTo());
            strings(n.putArray("forwardAsAttachmentTo"), r.forwardAsAttachmentTo());
            n.put("deletes", r.deletes());
            n.put("marksRead", r.marksRead());
            n.put("moveToFolder", r.moveToFolder());
            n.put("stopsProcessing", r.stopsProcessing());
        } else if (artifact instanceof Artifact.MailForwarding f) {
            n.put("type", "mail-forwarding");
            n.put("operation", f.operation());
            n.put("mailbox", f.mailbox());
            strings(n.putArray("addresses"), f.addresses());
            n.put("keepsCopy", f.keepsCopy());
        } else if (artifact instanceof Artifact.MailboxDelegation d) {
            n.put("type", "mailbox-delegation");
            n.put("operation", d.operation());
            n.put("mailbox", d.mailbox());
            n.put("grantee", d.grantee());
            n.put("rights", d.rights());
        } else if (artifact instanceof Artifact.AppConsent c) {
            n.put("type", "app-consent");
            n.put("appId", c.appId());
            n.put("appName", c.appName());
            n.put("servicePrincipalId", c.servicePrincipalId());
            strings(n.putArray("grantIds"), c.grantIds());
            strings(n.putArray("scopes"), c.scopes());
            n.put("consentType", c.consentType());
            n.put("adminConsent", c.adminConsent());
        } else if (artifact instanceof Artifact.MfaMethodChange m) {
            n.put("type", "mfa-method-change");
            n.put("method", m.method());
            n.put("methodId", m.methodId());
            n.put("added", m.added());
            n.put("byAdmin", m.byAdmin());
        } else if (artifact instanceof Artifact.DeviceRegistration d) {
            n.put("type", "device-registration");
            n.put("deviceId", d.deviceId());
            n.put("displayName", d.displayName());
            n.put("operatingSystem", d.operatingSystem());
            n.put("osVersion", d.osVersion());
            n.put("trustType", d.trustType());
        } else if (artifact instanceof Artifact.PolicyChange p) {
            n.put("type", "policy-change");
            n.put("policyKind", IncidentsJson.key(p.kind()));
            n.put("operation", p.operation());
            n.put("policyId", p.policyId());
            n.put("policyName", p.policyName());
            n.put("oldValue", p.oldValue());
            n.put("newValue", p.newValue());
        }
        return n;
    }

    static Artifact read(IncidentsJson.Node n) {
        String type = n.text("type");
        return switch (type) {
            case "inbox-rule" -> new Artifact.InboxRule(n.text("operation"), n.text("name"), flag(n, "enabled"),
                    n.text("conditions"), n.strings("forwardTo"), n.strings("redirectTo"), n.strings("forwardAsAttachmentTo"),
                    flag(n, "deletes"), flag(n, "marksRead"), n.text("moveToFolder"), flag(n, "stopsProcessing"),
                    n.text("mailbox"), n.text("ruleId"));
            case "mail-forwarding" -> new Artifact.MailForwarding(n.text("operation"), n.text("mailbox"), n.strings("addresses"),
                    flag(n, "keepsCopy"));
            case "mailbox-delegation" -> new Artifact.MailboxDelegation(n.text("operation"), n.text("mailbox"),
                    n.text("grantee"), n.text("rights"));
            case "app-consent" -> new Artifact.AppConsent(n.text("appId"), n.text("appName"), n.strings("scopes"),
                    n.text("consentType"), flag(n, "adminConsent"), n.text("servicePrincipalId"), n.strings("grantIds"));
            case "mfa-method-change" -> new Artifact.MfaMethodChange(n.text("method"), flag(n, "added"), flag(n, "byAdmin"),
                    n.text("methodId"));
            case "device-registration" -> new Artifact.DeviceRegistration(n.text("deviceId"), n.text("displayName"),
                    n.text("operatingSystem"), n.text("osVersion"), n.text("trustType"));
            case "policy-change" -> new Artifact.PolicyChange(n.constant("policyKind", Artifact.PolicyChange.Kind.class),
                    n.text("operation"), n.text("policyId"), n.text("policyName"), n.text("oldValue"), n.text("newValue"));
            default -> throw new IncidentsJson.Unusable(n.path() + ".type", "unknown artifact type '" + type + "'");
        };
    }

    private static boolean flag(IncidentsJson.Node n, String field) {
        IncidentsJson.Node v = n.get(field);
        if (!v.json().isBoolean()) throw new IncidentsJson.Unusable(v.path(), "is not true or false");
        return v.json().booleanValue();
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
