package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.detect.signals.Suspicion;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.StringPool;
import io.aitmdefense.events.Source;
import io.aitmdefense.model.RecordRef;

import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One user's sign-ins and risk detections, as far as the correlating detections (sign-in then persistence, mass mail
 * access, BEC sends, CA tampering, risk with an anomalous token) need them to answer "was there a suspicious sign-in
 * between these times, and from where". Suspicious is: what {@link SignInSignals#reasons} says on its own (hosting,
 * scripting client, risky sign-in, device code), MFA satisfied by a claim in the token from a network with no earlier
 * sign-in of the user in {@code historyDays} (the explanation says when the logs hold less of the user's history) —
 * unless the sign-in names a device the user signed in from before, the user's own machine on a new network, as
 * {@link TokenWithoutMfaDetection} judges it — a use of a session that {@link SessionReplayRule} calls a replay (the
 * rule session-replay alerts on, read from the user's {@link SessionUses}), or a standing Identity Protection detection.
 * <p>
 * Those detections share one ledger per user ({@link #state}): each hands in the events it sees, the first records
 * them, and the ledger keeps as much history as the most demanding of them asked for. Everything is kept in time
 * order and judged only for times the watermark has passed, so the answer does not depend on arrival order. Every
 * list is capped.
 */
final class SuspiciousSignInLedger {
    private static final int CAP = 2000;
    private static final Suspicion[] SUSPICIONS = Suspicion.values();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** A timer fires up to a minute after the time it stands for. */
    private static final long TIMER_LAG = Duration.ofMinutes(1).toMillis();

    /** A sign-in or risk detection that is, or may turn out to be, suspicious. */
    record Mark(long time, RecordRef source, EventKind kind, Network network, String userAgent, String session,
                String what, List<Suspicion.Reason> reasons, boolean tokenSatisfied, String deviceId) implements Timed {
        Mark withReason(Suspicion.Reason reason) {
            List<Suspicion.Reason> r = new ArrayList<>(reasons);
            r.add(reason);
            return new Mark(time, source, kind, network, userAgent, session, what, List.copyOf(r), tokenSatisfied, deviceId);
        }

        /** This sign-in without its risk-level reason; null for a risk detection. */
        Mark withoutRisk() {
            if (kind != EventKind.SIGN_IN) return null;
            List<Suspicion.Reason> r = new ArrayList<>(reasons);
            if (!r.removeIf(x -> x.kind() == Suspicion.RISKY_SIGN_IN)) return this;
            return new Mark(time, source, kind, network, userAgent, session, what, List.copyOf(r), tokenSatisfied, deviceId);
        }

        String phrases() {
            StringBuilder b = new StringBuilder();
            for (Suspicion.Reason r : reasons) b.append(b.isEmpty() ? "" : "; ").append(r.phrase());
            return b.toString();
        }

        /** "sign-in to OfficeHome from 203.0.113.10 (AS14061 DigitalOcean, hosting): scripting client '…'". */
        String describe() {
            return what + (network.ip().isEmpty() ? "" : " from " + network.describe()) + ": " + phrases();
        }

        /** Whether an activity with this session or address came from the same session or network as this mark. */
        boolean sameSource(String otherSession, Network other) {
            if (!session.isEmpty() && session.equals(otherSession)) return true;
            if (network.ip().isEmpty() || other.ip().isEmpty()) return false;
            return network.ip().equals(other.ip()) || network.asn() > 0 && network.asn() == other.asn();
        }

        /**
         * The mark in {@code marks} (time order) at most {@code lookback} before {@code time}, not after it, from the same
         * session or network as the activity; the latest such.
         */
        static Optional<Mark> behind(List<Mark> marks, long time, long lookback, String session, Network network) {
            Mark found = null;
            for (Mark m : marks) {
                if (m.time() > time) break;
                if (m.time() >= time - lookback && m.sameSource(session, network)) found = m;
            }
            return Optional.ofNullable(found);
        }

        /** As {@link #describe} with the time: "sign-in to OfficeHome at 2025-…Z from …: …". */
        String describeAt() {
            return what + " at " + Instant.ofEpochMilli(time) + (network.ip().isEmpty() ? "" : " from " + network.describe())
                    + ": " + phrases();
        }
    }

    private final int historyDays;
    private final ArrayList<Mark> candidates = new ArrayList<>();
    private final TokenWithoutMfaHistory<Network> networks = new TokenWithoutMfaHistory<>(256);
    private final TokenWithoutMfaHistory<String> devices = new TokenWithoutMfaHistory<>(64);
    /** The longest look-back plus look-ahead any detection using this ledger asked for (ms). */
    private long span;
    /** Time and row of the last event recorded: the next detection handing in the same event finds them here. */
    private long lastTime;
    private Source lastSource;
    private long lastTrim = Long.MIN_VALUE;
    /** The earliest successful sign-in recorded: how much history a "new network" was judged against. */
    private long firstSignIn = Long.MAX_VALUE;

    SuspiciousSignInLedger(int historyDays) {
        this.historyDays = historyDays;
    }

    /**
     * The user's ledger, shared by every detection with this {@code historyDays}. It outlives its last update by the
     * history plus two days, which covers the look-backs of the detections using it.
     */
    static StateDescriptor<SuspiciousSignInLedger> state(int historyDays) {
        return StateDescriptor.shared("suspicious-sign-ins/" + historyDays + "d", () -> new SuspiciousSignInLedger(historyDays),
                Duration.ofDays(historyDays + 2L), CODEC);
    }

    /**
     * Hands any event to the user's {@link SessionUses}, which the ledger reads its replays from: a correlating
     * detection calls it for every event, so that a session is judged the same whichever detections are enabled.
     *
     * @param span how long before the watermark this detection may still ask about: its look-back plus look-ahead
     */
    static void offerUse(Context ctx, SessionReplayRule rule, Event event, Duration span) {
        SessionUses.offer(ctx, event, rule.window().plusMinutes(1), span.plusMillis(TIMER_LAG), null);
    }

    /**
     * Hands a {@link #relevant} event to the user's ledger, which records it once however many detections hand it in.
     *
     * @param span how long before the watermark this detection may still ask about: its look-back plus look-ahead
     */
    static void record(Context ctx, StateDescriptor<SuspiciousSignInLedger> state, Event event, Duration span) {
        ValueState<SuspiciousSignInLedger> v = ctx.state(state);
        SuspiciousSignInLedger ledger = v.value();
        ledger.span = Math.max(ledger.span, span.toMillis() + TIMER_LAG);
        long time = event.time().toEpochMilli();
        if (time == ledger.lastTime && event.source().equals(ledger.lastSource)) return;
        ledger.lastTime = time;
        ledger.lastSource = event.source();
        ledger.record(event, ctx.enrichment());
        // a self-trim at most hourly keeps the ledger small for users no detection ever asks about
        long watermark = ctx.watermark() == Instant.MIN ? Long.MIN_VALUE : ctx.watermark().toEpochMilli();
        if (watermark != Long.MIN_VALUE && (ledger.lastTrim == Long.MIN_VALUE || watermark - ledger.lastTrim > HOUR)) {
            if (ledger.lastTrim == Long.MIN_VALUE) ledger.lastTrim = watermark; // every user's span is known by the next
            else ledger.trim(watermark);
        }
        v.update(ledger);
    }

    /**
     * Forgets what no detection can ask about any more at {@code now} (a timer's time), here and in the session uses,
     * and drops an empty ledger.
     */
    static void trim(Context ctx, StateDescriptor<SuspiciousSignInLedger> state, SessionReplayRule rule, long now) {
        SessionUses.trim(ctx, rule, now);
        ValueState<SuspiciousSignInLedger> v = ctx.state(state);
        SuspiciousSignInLedger ledger = v.value();
        ledger.trim(now);
        if (ledger.isEmpty()) v.clear();
        else v.update(ledger);
    }

    /** Whether the ledger keeps anything of this event: a successful user sign-in or a standing risk detection. */
    static boolean relevant(Event event) {
        if (event instanceof SignIn s) return s.success() && !s.workload();
        return event instanceof RiskDetection r && SignInSignals.standingRisk(r);
    }

    private void record(Event event, Enrichment e) {
        if (event instanceof SignIn s) record(s, e);
        else if (event instanceof RiskDetection r) record(r, e);
    }

    private void record(SignIn s, Enrichment e) {
        if (!s.success() || s.workload()) return;
        Network n = SignInSignals.network(s, e);
        long t = s.time().toEpochMilli();
        firstSignIn = Math.min(firstSignIn, t);
        boolean trusted = SignInSignals.trusted(s, n, e.tenant()) || n.kind() == NetworkKind.MICROSOFT;
        if (!n.ip().isEmpty()) networks.record(n.block(), n, t);
        if (!s.device().id().isEmpty()) devices.record(s.device().id(), s.device().id(), t);
        String session = s.sessionId().toLowerCase(Locale.ROOT);
        List<Suspicion.Reason> reasons = SignInSignals.reasons(s, e);
        // wider than token-without-mfa's candidate on purpose: the training lab's replay (Adele) carries the token claim
        // without an MFA requirement the detection can see, and only this wider rule ties her inbox rule to it
        boolean tokenSatisfied = s.interactive() && s.satisfiedByToken() && !trusted && !n.ip().isEmpty();
        if (reasons.isEmpty() && !tokenSatisfied) return;
        add(new Mark(t, RecordRef.of(s), EventKind.SIGN_IN, n, s.userAgent(), session, what(s), List.copyOf(reasons), tokenSatisfied,
                s.device().id()));
    }

    /** Built only for what is kept: most sign-ins are neither a session's new network nor suspicious. */
    private static String what(SignIn s) {
        // one string per app, not one per kept mark of every user
        return StringPool.of((s.interactive() ? "sign-in to " : "non-interactive sign-in to ") + (s.appName().isEmpty() ? s.appId() : s.appName()));
    }

    private void record(RiskDetection r, Enrichment e) {
        if (!SignInSignals.standingRisk(r)) return;
        Network n = e.network(r.ip(), 0);
        add(new Mark(r.time().toEpochMilli(), RecordRef.of(r), EventKind.RISK_DETECTION, n, r.userAgent(), "",
                "Identity Protection detection", List.of(Suspicion.STANDING_RISK.because(r.riskLevel() + " risk " + r.riskEventType()
                + (r.riskState().isEmpty() ? "" : " (" + r.riskState() + ")"))), false, ""));
    }

    private void add(Mark m) {
        Timed.insert(candidates, m, CAP, Timed.Cap.DROP_OLDEST);
    }

    /**
     * The suspicious sign-ins and detections with {@code from <= time <= to}, in time order. Only valid once the
     * watermark has passed {@code to}: a sign-in is new or a session's second network only against what came before it.
     */
    List<Mark> suspicious(long from, long to, SessionUses sessions) {
        return suspicious(from, to, sessions, true);
    }

    /**
     * As {@link #suspicious(long, long)}, sign-ins only and without their risk level: for a detection that judges
     * risk detections themselves, to which a sign-in's risk is the same detection seen again.
     */
    List<Mark> suspiciousSignIns(long from, long to, SessionUses sessions) {
        return suspicious(from, to, sessions, false);
    }

    private List<Mark> suspicious(long from, long to, SessionUses sessions, boolean withRisk) {
        List<Mark> out = new ArrayList<>();
        for (Mark m : candidates) {
            if (m.time() < from) continue;
            if (m.time() > to) break;
            Mark judged = withRisk ? m : m.withoutRisk();
            if (judged == null) continue;
            if (m.tokenSatisfied() && !knownDevice(m) && newNetwork(m)) {
                judged = judged.withReason(Suspicion.TOKEN_FROM_NEW_NETWORK.because(
                        "MFA satisfied by a claim in the token from a network with no earlier sign-in of the user " + historyHeld(m.time())));
            }
            if (!judged.reasons().isEmpty()) out.add(judged);
        }
        for (Mark m : replays(sessions.replays(from, to))) {
            int same = -1;
            for (int i = 0; i < out.size() && same < 0; i++) if (out.get(i).source().equals(m.source())) same = i;
            if (same >= 0) out.set(same, out.get(same).withReason(m.reasons().get(0)));
            else out.add(m);
        }
        out.sort(Timed.ORDER);
        return out;
    }

    /**
     * "in 14 days", or how much of the user's history the logs hold before {@code time} when that is less: early in an
     * export every network is one the logs have not shown, and the analyst should see how little "new" then means.
     */
    private String historyHeld(long time) {
        long held = time - firstSignIn;
        if (held >= historyDays * DAY) return "in " + historyDays + " days";
        if (held < HOUR) return "in the logs (they hold none of the user's sign-ins before it)";
        return "in the " + (held < 2 * DAY ? held / HOUR + " hours" : held / DAY + " days") + " of the user's sign-ins the logs hold before it";
    }

    /** The user's own registered machine on a new network (travel, a new ISP) is not a replayed token. */
    private boolean knownDevice(Mark m) {
        return !m.deviceId().isEmpty() && devices.seenBefore(m.deviceId(), m.time(), historyDays);
    }

    private boolean newNetwork(Mark m) {
        return !UserHabits.knownNetwork(networks, m.network(), m.time(), historyDays);
    }

    /**
     * The replayed uses as marks: sign-ins only (an activity row is not a sign-in a persistence follows), the first of
     * each session on each network — the rest of an episode adds nothing to an explanation.
     */
    private static List<Mark> replays(List<SessionUses.Replay> replays) {
        List<Mark> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SessionUses.Replay r : replays) {
            SessionReplayUse u = r.use(), first = r.from();
            if (!u.signIn() || !seen.add(u.session() + "|" + u.tokenId() + "|" + u.network().block())) continue;
            out.add(new Mark(u.time(), u.source(), EventKind.SIGN_IN, u.network(), u.userAgent(), "",
                    (u.interactive() ? "sign-in to " : "non-interactive sign-in to ") + u.app(),
                    List.of(Suspicion.SESSION_ON_SECOND_NETWORK.because("session first used from " + first.network().describe() + " at "
                            + Instant.ofEpochMilli(first.time()) + " by " + first.client().label() + " now used from a second network by "
                            + u.client().label())), false, ""));
        }
        return out;
    }

    /** Forgets what no detection can ask about at {@code now} or later; the network history keeps {@code historyDays}. */
    private void trim(long now) {
        lastTrim = now;
        long oldestNeeded = now - span;
        candidates.removeIf(m -> m.time() < oldestNeeded);
        networks.forgetBefore(oldestNeeded, historyDays);
        devices.forgetBefore(oldestNeeded, historyDays);
    }

    private boolean isEmpty() {
        return candidates.isEmpty() && networks.isEmpty() && devices.isEmpty();
    }

    private static void mark(Mark m, DataOutput o) throws IOException {
        StateIo.varLong(m.time(), o);
        StateIo.source(m.source(), o);
        o.writeByte(m.kind().ordinal());
        StateIo.network(m.network(), o);
        StateIo.str(m.userAgent(), o);
        StateIo.str(m.session(), o);
        StateIo.str(m.what(), o);
        StateIo.list(m.reasons(), o, (r, w) -> {
            w.writeByte(r.kind().ordinal());
            StateIo.str(r.phrase(), w);
        });
        o.writeBoolean(m.tokenSatisfied());
        StateIo.str(m.deviceId(), o);
    }

    private static Mark mark(DataInput i) throws IOException {
        return new Mark(StateIo.varLong(i), StateIo.source(i), StateCodecs.eventKind(i), StateIo.network(i), StateIo.str(i),
                StateIo.str(i), StateIo.str(i),
                List.copyOf(StateIo.list(i, r -> StateIo.enumOf(SUSPICIONS, r).because(StateIo.str(r)))), i.readBoolean(), StateIo.str(i));
    }

    /** The ledger in a snapshot. */
    static final StateCodec<SuspiciousSignInLedger> CODEC = StateCodecs.v1("suspicious sign-ins", (l, out) -> {
        StateIo.varInt(l.historyDays, out);
        StateIo.list(l.candidates, out, SuspiciousSignInLedger::mark);
        l.networks.write(out, StateIo::network);
        l.devices.write(out, StateIo::str);
        StateIo.varLong(l.span, out);
        StateIo.varLong(l.lastTime, out);
        out.writeBoolean(l.lastSource != null);
        if (l.lastSource != null) StateIo.eventSource(l.lastSource, out);
        StateIo.varLong(l.lastTrim, out);
        StateIo.varLong(l.firstSignIn, out);
    }, in -> {
        SuspiciousSignInLedger l = new SuspiciousSignInLedger(StateIo.varInt(in));
        l.candidates.addAll(StateIo.list(in, SuspiciousSignInLedger::mark));
        l.networks.read(in, StateIo::network);
        l.devices.read(in, StateIo::str);
        l.span = StateIo.varLong(in);
        l.lastTime = StateIo.varLong(in);
        if (in.readBoolean()) l.lastSource = StateIo.eventSource(in);
        l.lastTrim = StateIo.varLong(in);
        l.firstSignIn = StateIo.varLong(in);
        return l;
    });
}
