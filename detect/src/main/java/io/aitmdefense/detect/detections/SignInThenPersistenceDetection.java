package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A suspicious sign-in (hosting network, scripting client, risky sign-in, device code, MFA satisfied by a token from a
 * network new for the user, one session from a second network) or a standing risk detection, and within {@code before}
 * after it — or up to {@code after} before it, since audit records can be stamped earlier than the sign-in they
 * belong to — a persistence change: a hiding or forwarding inbox rule, mailbox forwarding, an OAuth consent with
 * offline access to mail or files, a new MFA method, a device registration. The attacker's first minutes in a stolen
 * session are spent making sure they keep reading the mail.
 * <p>
 * Each persistence change is judged once the watermark has passed it by {@code after}, against everything before and
 * after it, so the rule may arrive before or after the sign-in. One alert per change; critical when it forwards mail
 * outside the tenant.
 */
public final class SignInThenPersistenceDetection implements Detection {
    public static final String ID = "signin-then-persistence";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Persistence right after a suspicious sign-in",
            Severity.HIGH, KillChainStage.PERSISTENCE, List.of("T1564.008", "T1114.003", "T1098.005", "T1528", "T1078.004"),
            "After replaying a stolen session, AiTM operators create inbox rules that hide replies and security mail "
                    + "(Junk, RSS, Archive, punctuation names), forward mail out, consent apps with offline access, or "
                    + "register their own MFA method or device, so they keep access after a password reset. Persistence "
                    + "minutes after a suspicious sign-in is the attack's most reliable trace.",
            "A user who really did travel or use a new network and the same hour tidied their inbox with a rule that "
                    + "deletes or moves mail; first MFA registration of a new employee signing in from home; a helpdesk "
                    + "registering a device for a user.",
            "Open the rule, forwarding or consent and read what it does; ask the user whether they made it; if not, "
                    + "remove it, revoke the user's sessions, reset the password and the MFA methods, and search other "
                    + "mailboxes for the same rule text or forwarding address.");

    private static final int CAP = 500;

    private final Duration before;
    private final Duration after;
    private final int historyDays;
    private final List<String> junkFolders;
    private final List<String> riskyScopes;
    private final StateDescriptor<Pending<Change>> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public SignInThenPersistenceDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.before = t.duration("before", Duration.ofMinutes(60), "persistence up to this long after a suspicious sign-in");
        this.after = t.duration("after", Duration.ofMinutes(30),
                "... or up to this long before it (the audit record can be stamped earlier)");
        this.historyDays = t.integer("historyDays", 14, 1,
                "MFA from a token is suspicious from a network without a sign-in of the user in this time");
        this.junkFolders = junkFolders(t);
        this.riskyScopes = riskyScopes(t);
        // the network history behind "new network" is the longest-lived part
        this.state = new StateDescriptor<>(ID + "/pending", Pending::new, before.plus(after).plusMinutes(1),
                StateCodecs.PERSISTENCE);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    /** The folders a rule hides mail in, as configured here: every detection judging persistence reads them from here. */
    static List<String> junkFolders(Thresholds t) {
        return t.strings("junkFolders", List.of("junk", "junk email", "rss", "rss feeds", "rss subscriptions",
                "archive", "deleted items", "conversation history"), "folders a rule hides mail in");
    }

    static List<String> junkFolders(DetectConfig config) {
        return junkFolders(config.detection(ID));
    }

    /** The consent scopes that make a consent persistence, as configured here. */
    static List<String> riskyScopes(Thresholds t) {
        return t.strings("consentRiskyScopes", List.of("Mail.", "Files.", "Chat.", "Contacts.", "MailboxSettings.",
                "People.", "Notes.", "EWS.", "Directory.AccessAsUser.All", "user_impersonation", "full_access_as_user"),
                "a consent to a scope starting with one of these (with offline access) is persistence");
    }

    static List<String> riskyScopes(DetectConfig config) {
        return riskyScopes(config.detection(ID));
    }

    /** A persistence change waiting for the sign-ins around it to be complete. */
    record Change(long time, RecordRef source, EventKind kind, PersistenceChange change) implements Timed {
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, ledger, SessionUses.STATE);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        SuspiciousSignInLedger.offerUse(ctx, rule, event, before.plus(after));
        boolean signal = SuspiciousSignInLedger.relevant(event);
        Optional<PersistenceChange> p = signal ? Optional.empty()
                : PersistenceChange.of(event, ctx.enrichment().tenant(), junkFolders, riskyScopes);
        if (signal) {
            SuspiciousSignInLedger.record(ctx, ledger, event, before.plus(after));
            return;
        }
        if (p.isEmpty()) return; // touch no state for the rest: it would live for the whole history
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        Change c = new Change(event.time().toEpochMilli(), RecordRef.of(event), event.kind(), p.get());
        if (!pending.add(c, CAP, Timed.Cap.DROP_LATEST)) return;
        ctx.registerTimer(Timed.minuteAfter(c.instant().plus(after)));
        v.update(pending);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        long cutoff = time.toEpochMilli() - after.toMillis();
        SuspiciousSignInLedger signIns = ctx.state(ledger).value();
        SessionUses sessions = SessionUses.judged(ctx, rule, time.toEpochMilli());
        pending.judge(cutoff, (i, c) -> {
            List<SuspiciousSignInLedger.Mark> marks = signIns.suspicious(c.time() - before.toMillis(), c.time() + after.toMillis(), sessions);
            if (!marks.isEmpty()) ctx.emit(alert(ctx, c, marks));
        });
        pending.forgetUpTo(cutoff);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, time.toEpochMilli());
        if (pending.isEmpty()) v.clear();
        else v.update(pending);
    }

    private Alert alert(Context ctx, Change c, List<SuspiciousSignInLedger.Mark> marks) {
        String user = ctx.user();
        PersistenceChange p = c.change();
        SuspiciousSignInLedger.Mark first = marks.get(0);
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>(), sessions = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        boolean sameAddress = false, sameSession = false;
        List<Evidence> evidence = new ArrayList<>();
        for (SuspiciousSignInLedger.Mark m : marks) {
            Network n = m.network();
            if (!n.ip().isEmpty()) ips.add(n.ip());
            if (n.asn() > 0) asns.add(n.asn());
            if (!m.userAgent().isEmpty()) agents.add(m.userAgent());
            if (!m.session().isEmpty()) sessions.add(m.session());
            if (!p.ip().isEmpty() && p.ip().equals(n.ip())) sameAddress = true;
            if (!p.session().isEmpty() && p.session().equals(m.session())) sameSession = true;
            evidence.add(new Evidence(m.source(), m.kind(), Instant.ofEpochMilli(m.time()), m.describe()));
        }
        evidence.add(new Evidence(c.source(), c.kind(), c.instant(), p.kind() + ": " + p.what()
                + (p.ip().isEmpty() ? "" : " from " + p.ip())));
        long gap = Duration.ofMillis(Math.abs(c.time() - first.time())).toMinutes();
        String explanation = user + " " + p.what() + (p.ip().isEmpty() ? "" : " from " + p.ip()) + " at " + c.instant()
                + ", " + gap + " min " + (c.time() >= first.time() ? "after" : "before") + " a suspicious "
                + first.describeAt()
                + (marks.size() > 1 ? " (and " + (marks.size() - 1) + " more suspicious sign-in records in the window)" : "")
                + (sameSession ? "; the change was made in the same session" : sameAddress ? "; the change came from the same address" : "")
                + (p.external().isEmpty() ? "" : "; mail goes outside the tenant to " + String.join(", ", p.external())) + ".";
        Severity severity = p.external().isEmpty() ? INFO.severity() : Severity.CRITICAL;
        double confidence = 0.7 + (sameAddress || sameSession ? 0.1 : 0) + (p.external().isEmpty() ? 0 : 0.1) + (marks.size() > 1 ? 0.05 : 0);
        Instant start = Instant.ofEpochMilli(Math.min(first.time(), c.time()));
        Instant end = Instant.ofEpochMilli(Math.max(marks.get(marks.size() - 1).time(), c.time()));
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, c.source(), new Alerts.Finding(
                severity, Math.round(Math.min(confidence, 0.95) * 100) / 100.0,
                start, end, INFO.stage(), INFO.techniques(), explanation,
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions)),
                List.of(p.artifact()), evidence));
    }
}
