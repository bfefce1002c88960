package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Something an attacker plants to keep access or hide, read from one audit record: an inbox rule that forwards,
 * redirects, deletes, marks read or hides mail (moves it to Junk/RSS/Archive/Deleted, or is named like one of those
 * folders, or has an empty or punctuation-only name), mailbox forwarding, an OAuth consent with offline access to
 * mail/files/chat, a new MFA method, a device registration. A rule that files newsletters into a named folder is
 * none of these.
 *
 * @param what     one phrase with the concrete values (rule name and actions, addresses, scopes)
 * @param external forwarding addresses outside the tenant (empty when none)
 * @param session  the Entra session the change was made in, lower-cased ("" when the record does not say)
 * @param artifact the change as parsed from the record (the rule, the forwarding, the grant), for the alert to carry
 */
record PersistenceChange(String kind, String what, List<String> external, String ip, String session, Artifact artifact) {

    /** The change in this event, when it is one of the persistence shapes. */
    static Optional<PersistenceChange> of(Event e, TenantContext tenant, List<String> junkFolders, List<String> riskyScopes) {
        Optional<Artifact> artifact;
        String ip, session;
        if (e instanceof OfficeActivity o && o.success() && !o.systemActor()) {
            artifact = o.artifact();
            ip = o.ip();
            session = o.sessionId();
        } else if (e instanceof DirectoryAudit d && d.success()) {
            artifact = d.artifact();
            ip = d.actor().ip();
            session = d.sessionId();
        } else {
            return Optional.empty();
        }
        if (artifact.isEmpty()) return Optional.empty();
        return of(artifact.get(), e.user(), tenant, junkFolders, riskyScopes, ip, session.toLowerCase(Locale.ROOT));
    }

    private static Optional<PersistenceChange> of(Artifact a, String user, TenantContext tenant, List<String> junkFolders,
                                                  List<String> riskyScopes, String ip, String session) {
        if (a instanceof Artifact.InboxRule r) return inboxRule(r, user, tenant, junkFolders, ip, session);
        if (a instanceof Artifact.MailForwarding f) {
            return Optional.of(new PersistenceChange("mailbox forwarding", f.operation() + " forwarding " + f.mailbox()
                    + " to " + String.join(", ", f.addresses()) + (f.keepsCopy() ? " (keeping a copy)" : ""),
                    external(f.addresses(), user, tenant), ip, session, a));
        }
        if (a instanceof Artifact.AppConsent c) return consent(c, riskyScopes, ip, session);
        if (a instanceof Artifact.MfaMethodChange m && m.added()) {
            return Optional.of(new PersistenceChange("new MFA method", "registered MFA method " + m.method()
                    + (m.byAdmin() ? " (by an admin)" : ""), List.of(), ip, session, a));
        }
        if (a instanceof Artifact.DeviceRegistration d) {
            String os = (d.operatingSystem() + " " + d.osVersion()).trim();
            return Optional.of(new PersistenceChange("device registration", "registered device "
                    + (d.displayName().isEmpty() ? d.deviceId() : d.displayName()) + (os.isEmpty() ? "" : " (" + os + ")"),
                    List.of(), ip, session, a));
        }
        return Optional.empty();
    }

    private static Optional<PersistenceChange> inboxRule(Artifact.InboxRule r, String user, TenantContext tenant,
                                                         List<String> junkFolders, String ip, String session) {
        if (r.removed() || !r.enabled()) return Optional.empty();
        List<String> actions = new ArrayList<>();
        if (!r.forwardTo().isEmpty()) actions.add("forwards to " + String.join(", ", r.forwardTo()));
        if (!r.redirectTo().isEmpty()) actions.add("redirects to " + String.join(", ", r.redirectTo()));
        if (!r.forwardAsAttachmentTo().isEmpty()) actions.add("forwards as attachment to " + String.join(", ", r.forwardAsAttachmentTo()));
        if (r.deletes()) actions.add("deletes");
        if (r.marksRead()) actions.add("marks read");
        if (!r.moveToFolder().isEmpty() && hidingFolder(r.moveToFolder(), junkFolders)) actions.add("moves to " + r.moveToFolder());
        String name = r.name().trim();
        if (name.isEmpty() || name.chars().noneMatch(Character::isLetterOrDigit)) {
            actions.add(name.isEmpty() ? "has no name" : "has the punctuation-only name '" + name + "'");
        } else if (hidingFolder(name, junkFolders)) {
            // phishing kits name the rule after the folder the victim never opens
            actions.add("is named like a hidden folder");
        }
        if (actions.isEmpty()) return Optional.empty();
        if (!r.moveToFolder().isEmpty() && !hidingFolder(r.moveToFolder(), junkFolders)) {
            actions.add("moves to " + r.moveToFolder());
        }
        String when = r.conditions().isEmpty() ? "" : " when " + r.conditions();
        return Optional.of(new PersistenceChange("inbox rule", r.operation() + " rule '" + name + "' that "
                + String.join(", ", actions) + when + (r.stopsProcessing() ? ", stopping further rules" : ""),
                external(r.recipients(), user, tenant), ip, session, r));
    }

    static boolean hidingFolder(String folder, List<String> junkFolders) {
        String f = folder.toLowerCase(Locale.ROOT).replaceAll("^[\\\\/]+", "").replaceAll("[^a-z0-9 ]", " ").trim()
                .replaceAll("\\s+", " ");
        for (String j : junkFolders) {
            if (f.equals(j.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    private static Optional<PersistenceChange> consent(Artifact.AppConsent c, List<String> riskyScopes, String ip,
                                                       String session) {
        boolean offline = c.scopes().stream().anyMatch(s -> s.equalsIgnoreCase("offline_access"));
        List<String> risky = new ArrayList<>();
        for (String s : c.scopes()) {
            if (s.equalsIgnoreCase("Mail.ReadBasic")) continue;
            for (String p : riskyScopes) {
                if (s.toLowerCase(Locale.ROOT).startsWith(p.toLowerCase(Locale.ROOT))) {
                    risky.add(s);
                    break;
                }
            }
        }
        if (!offline || risky.isEmpty()) return Optional.empty();
        return Optional.of(new PersistenceChange("OAuth consent", "consented to " + (c.appName().isEmpty() ? c.appId() : c.appName())
                + " with offline_access and " + String.join(" ", risky)
                + (c.consentType().equalsIgnoreCase("AllPrincipals") ? " for all users" : ""), List.of(), ip, session, c));
    }

    private static List<String> external(List<String> addresses, String user, TenantContext tenant) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) if (tenant.external(a, user)) out.add(a);
        return List.copyOf(out);
    }
}
