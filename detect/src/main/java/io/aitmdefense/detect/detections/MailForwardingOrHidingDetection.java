package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox owner's inbox rule or mailbox forwarding that sends mail outside the tenant (low) or hides it — deletes,
 * marks read, moves it to RSS, Archive, Conversation History, Deleted Items or Junk, or has no real name (notice) — from
 * any session. Such a change matters by itself, so it is visible even when no suspicious sign-in precedes it (the
 * attacker's sign-in may be in logs not collected); it is never an incident alone and joins the user's incident when
 * a replay, collection or another signal does. {@code signin-then-persistence} raises the same change high when a
 * suspicious sign-in is right before it. Changes by Exchange itself or by an admin on someone else's mailbox are not
 * the owner's.
 */
public final class MailForwardingOrHidingDetection implements Detection {
    public static final String ID = "mail-forwarding-or-hiding";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Mail forwarded outside the tenant or hidden by a rule",
            Severity.LOW, KillChainStage.PERSISTENCE, List.of("T1114.003", "T1564.008"),
            "An attacker in a mailbox forwards it out (ForwardTo, RedirectTo, Set-Mailbox ForwardingSmtpAddress) and hides "
                    + "what would give them away — replies, bank warnings, security notices — with rules that delete, mark "
                    + "read or move mail to folders nobody opens. Such a rule is worth a look even when the sign-in that "
                    + "made it is not in the logs.",
            "Users forwarding to a private address (often against policy, rarely an attack); rules that file newsletters "
                    + "into Archive or delete notifications; rules made by migration tools acting as the owner.",
            "Read the rule or forwarding in the evidence and ask the user whether they made it; check the user's sign-ins "
                    + "around it for a network or client they do not use; if not theirs, remove it, revoke the user's "
                    + "sessions and reset the password.");

    private final List<String> junkFolders;
    private final List<String> riskyScopes;

    public MailForwardingOrHidingDetection(DetectConfig config) {
        config.detection(ID);
        this.junkFolders = SignInThenPersistenceDetection.junkFolders(config);
        this.riskyScopes = SignInThenPersistenceDetection.riskyScopes(config);
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        // one record, one verdict: nothing to remember, so arrival order cannot matter
        if (!(event instanceof OfficeActivity o) || !owner(o)) return;
        Optional<PersistenceChange> p = PersistenceChange.of(event, ctx.enrichment().tenant(), junkFolders, riskyScopes);
        if (p.isEmpty()) return;
        PersistenceChange c = p.get();
        boolean external = !c.external().isEmpty();
        if (!external && !hides(c.artifact())) return; // forwarding inside the tenant
        String from = o.ip().isEmpty() ? "" : " from " + ctx.enrichment().network(o.ip(), 0).describe();
        String why = ctx.user() + " " + c.what() + from + " at " + o.time()
                + (external ? ": mail leaves the tenant to " + String.join(", ", c.external()) : ": mail is hidden from the owner")
                + ". No suspicious sign-in is tied to it; a notice to confirm with the user, raised into an incident when "
                + "another alert of the user joins it.";
        RecordRef ref = RecordRef.of(o);
        ctx.emit(Alerts.alert(INFO, ctx.tenant(), ctx.key(), ctx.user(), ref, new Alerts.Finding(
                external ? Severity.LOW : Severity.NOTICE, external ? 0.45 : 0.3, o.time(), o.time(), INFO.stage(),
                INFO.techniques(), why, Alert.Infrastructure.NONE, List.of(c.artifact()),
                List.of(new Evidence(ref, o.kind(), o.time(), c.kind() + ": " + c.what())))));
    }

    private boolean hides(Artifact a) {
        if (!(a instanceof Artifact.InboxRule r)) return false;
        String name = r.name().trim();
        return r.deletes() || r.marksRead() || PersistenceChange.hidingFolder(r.moveToFolder(), junkFolders)
                || name.chars().noneMatch(Character::isLetterOrDigit) || PersistenceChange.hidingFolder(name, junkFolders);
    }

    /** The acting user is the mailbox's owner: no other owner is logged, or it is the actor (by address or alias). */
    private static boolean owner(OfficeActivity o) {
        if (o.systemActor()) return false;
        String actor = o.userId().toLowerCase(Locale.ROOT);
        String mailbox = o.mailboxOwner().toLowerCase(Locale.ROOT);
        if (o.artifact().orElse(null) instanceof Artifact.MailForwarding f && mailbox.isEmpty()) mailbox = f.mailbox().toLowerCase(Locale.ROOT);
        // an Exchange object path ("…/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/jane") ends in the alias
        mailbox = mailbox.substring(Math.max(mailbox.lastIndexOf('/'), mailbox.lastIndexOf('\\')) + 1);
        if (mailbox.isEmpty() || mailbox.equals(actor)) return true;
        int at = actor.indexOf('@');
        return at > 0 && actor.substring(0, at).equals(mailbox);
    }
}
