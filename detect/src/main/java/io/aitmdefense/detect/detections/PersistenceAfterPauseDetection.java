package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.Suspicion;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Persistence after a long pause: operators who hold a stolen session often come back days later, from the same
 * infrastructure, to plant the rule or register the method. {@code signin-then-persistence} is the high-confidence
 * tier (persistence within an hour of the suspicious sign-in); this one takes the persistence changes that come later
 * than {@code minGap} and up to {@code pause} after a suspicious sign-in, when they come from the same attacker
 * infrastructure: the same Entra session, the same address, or the same hosting network. A sign-in that is suspicious
 * only because its MFA came from a token on a network new for the user counts by its session alone: a user's new home
 * network is also new once and then used every day.
 */
public final class PersistenceAfterPauseDetection implements Detection {
    public static final String ID = "persistence-after-pause";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Persistence days after a suspicious sign-in, from the same attacker",
            Severity.HIGH, KillChainStage.PERSISTENCE, List.of("T1564.008", "T1114.003", "T1098.005", "T1528", "T1078.004"),
            "Not every operator plants the inbox rule in the first hour: sessions bought from a phishing-as-a-service panel "
                    + "or kept warm by an automated refresher are used again days later. The session id or the address of the "
                    + "original suspicious sign-in tie the late rule, forwarding, consent or MFA method to it.",
            "A user whose suspicious-looking sign-in was their own (a hosting VPN, an address flagged as risky) and who "
                    + "days later, from the same VPN, creates a rule that deletes or moves mail.",
            "Open the change and the suspicious sign-in in the evidence; if the user did not make the change, remove it, "
                    + "revoke the user's sessions, reset the password and the MFA methods, and block the address.");

    private static final int CAP = 500;

    private final Duration minGap;
    private final Duration pause;
    private final List<String> junkFolders;
    private final List<String> riskyScopes;
    private final StateDescriptor<Pending<Change>> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public PersistenceAfterPauseDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.minGap = t.duration("minGap", Duration.ofMinutes(60),
                "persistence closer than this to the sign-in is signin-then-persistence's (the high-confidence tier)");
        this.pause = t.duration("pause", Duration.ofDays(5),
                "persistence up to this long after the suspicious sign-in (every user's sign-in ledger keeps this much)");
        int historyDays = t.integer("historyDays", 14, 1,
                "MFA from a token is suspicious from a network without a sign-in of the user in this time");
        this.junkFolders = SignInThenPersistenceDetection.junkFolders(config);
        this.riskyScopes = SignInThenPersistenceDetection.riskyScopes(config);
        this.state = new StateDescriptor<>(ID + "/pending", Pending::new, Duration.ofMinutes(3), CODEC);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    /** A persistence change waiting for the watermark to pass it. */
    record Change(long time, RecordRef source, EventKind kind, String what, String ip, String session,
                  List<String> external, io.aitmdefense.events.Artifact artifact) implements Timed {
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
        SuspiciousSignInLedger.offerUse(ctx, rule, event, pause);
        if (SuspiciousSignInLedger.relevant(event)) {
            SuspiciousSignInLedger.record(ctx, ledger, event, pause);
            return;
        }
        Optional<PersistenceChange> p = PersistenceChange.of(event, ctx.enrichment().tenant(), junkFolders, riskyScopes);
        if (p.isEmpty()) return;
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        PersistenceChange pc = p.get();
        Change c = new Change(event.time().toEpochMilli(), RecordRef.of(event), event.kind(), pc.kind() + ": " + pc.what(),
                pc.ip(), pc.session(), pc.external(), pc.artifact());
        if (!pending.add(c, CAP, Timed.Cap.DROP_LATEST)) return;
        ctx.registerTimer(Timed.minuteAfter(c.instant()));
        v.update(pending);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        long now = time.toEpochMilli();
        SuspiciousSignInLedger signIns = ctx.state(ledger).value();
        SessionUses uses = SessionUses.judged(ctx, rule, now);
        pending.judge(now, (i, c) -> judge(ctx, signIns, uses, c));
        pending.forgetUpTo(now);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, now);
        if (pending.isEmpty()) v.clear();
        else v.update(pending);
    }

    private void judge(Context ctx, SuspiciousSignInLedger signIns, SessionUses uses, Change c) {
        Network at = ctx.enrichment().network(c.ip(), 0);
        SuspiciousSignInLedger.Mark found = null;
        String how = "";
        for (SuspiciousSignInLedger.Mark m : signIns.suspicious(c.time() - pause.toMillis(), c.time() - minGap.toMillis(), uses)) {
            String tie = tie(m, c, at);
            if (!tie.isEmpty()) {
                found = m;
                how = tie;
            }
        }
        if (found == null) return;
        boolean external = !c.external().isEmpty();
        Duration gap = Duration.ofMillis(c.time() - found.time());
        String after = gap.toHours() >= 48 ? gap.toDays() + " days" : gap.toHours() + " hours";
        String why = ctx.user() + " " + c.what() + " at " + c.instant() + (c.ip().isEmpty() ? "" : " from " + at.describe())
                + ", " + after + " after a suspicious " + found.describeAt() + ", from " + how
                + (external ? "; mail leaves the tenant to " + String.join(", ", c.external()) : "")
                + ": the attacker came back to keep access.";
        List<Evidence> evidence = List.of(
                new Evidence(found.source(), found.kind(), found.instant(), found.describe()),
                new Evidence(c.source(), c.kind(), c.instant(), c.what()));
        List<String> ips = new ArrayList<>();
        if (!found.network().ip().isEmpty()) ips.add(found.network().ip());
        if (!c.ip().isEmpty() && !ips.contains(at.ip())) ips.add(at.ip());
        List<Integer> asns = found.network().asn() > 0 ? List.of(found.network().asn()) : List.of();
        List<String> sessions = found.session().isEmpty() ? List.of() : List.of(found.session());
        ctx.emit(Alerts.alert(INFO, ctx.tenant(), ctx.key(), ctx.user(), c.source(), new Alerts.Finding(
                external ? Severity.CRITICAL : Severity.HIGH, 0.8, found.instant(), c.instant(), INFO.stage(), INFO.techniques(),
                why, new Alert.Infrastructure(ips, asns, found.userAgent().isEmpty() ? List.of() : List.of(found.userAgent()), sessions),
                List.of(c.artifact()), evidence)));
    }

    /** How the change is tied to the mark ("" when it is not): its session, its address, or the mark's hosting network. */
    private static String tie(SuspiciousSignInLedger.Mark m, Change c, Network at) {
        if (!m.session().isEmpty() && m.session().equals(c.session())) return "the same session " + m.session();
        boolean weak = m.reasons().stream().allMatch(r -> r.kind() == Suspicion.TOKEN_FROM_NEW_NETWORK);
        if (weak || c.ip().isEmpty() || m.network().ip().isEmpty()) return "";
        if (m.network().ip().equals(at.ip())) return "the same address " + at.ip();
        if (m.network().hosting() && !m.network().trusted() && m.network().asn() > 0 && m.network().asn() == at.asn()) {
            return "the same hosting network AS" + at.asn() + (at.owner().isEmpty() ? "" : " " + at.owner());
        }
        return "";
    }

    private static void change(Change c, java.io.DataOutput o) throws java.io.IOException {
        StateIo.varLong(c.time(), o);
        StateIo.source(c.source(), o);
        o.writeByte(c.kind().ordinal());
        StateIo.str(c.what(), o);
        StateIo.str(c.ip(), o);
        StateIo.str(c.session(), o);
        StateIo.strings(c.external(), o);
        StateIo.artifact(c.artifact(), o);
    }

    private static Change change(java.io.DataInput i) throws java.io.IOException {
        return new Change(StateIo.varLong(i), StateIo.source(i), StateCodecs.eventKind(i), StateIo.str(i), StateIo.str(i),
                StateIo.str(i), StateIo.strings(i), StateIo.artifact(i));
    }

    static final StateCodec<Pending<Change>> CODEC = StateCodecs.v1("late persistence", (p, out) ->
            p.write(out, PersistenceAfterPauseDetection::change), in -> {
        Pending<Change> p = new Pending<>();
        p.read(in, PersistenceAfterPauseDetection::change);
        return p;
    });
}
