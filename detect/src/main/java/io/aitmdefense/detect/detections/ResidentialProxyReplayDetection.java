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
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replay through a residential proxy: phishing kits now replay the stolen session from a residential or mobile ISP in
 * the victim's own country and pass the victim's own browser string through, so neither a hosting network nor a client
 * change shows. What remains is judged here: one Entra session, first used from the user's network, arrives on a
 * network the user has not used in {@code historyDays} with MFA "satisfied by claim in the token". Used again from the
 * first network within {@code lookahead} after that — one browser cannot be in two places: the victim (at home, or
 * still on the phishing proxy that relays them) goes on working while the attacker uses the copy — it is medium; alone it is a notice, which a later persistence or collection alert
 * raises into the user's incident. A phone moving between Wi-Fi and its carrier (a mobile operating system with a
 * mobile network on either side), the user's own registered device, trusted and Microsoft networks are not judged.
 */
public final class ResidentialProxyReplayDetection implements Detection {
    public static final String ID = "residential-proxy-replay";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Session replayed from a new residential network with the user's own client",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1539", "T1550.004", "T1090.002"),
            "Kits such as Tycoon 2FA and Evilginx forks now replay stolen cookies through residential proxies in the "
                    + "victim's country with the victim's browser string, so no hosting network and no client change appears. "
                    + "The session still moves: it shows up on a network the user never used, carrying the MFA claim of "
                    + "the victim's sign-in, while the victim's own browsing goes on from where the session began.",
            "A laptop moved between home and a new network (a café, a hotel) while keeping its browser session; a new "
                    + "home ISP; tethering through a phone on a carrier that is not on the curated mobile list.",
            "Ask the user whether they were on that network at that time; look at what the session did from it (mail "
                    + "reads, inbox rules, consents, MFA registrations); if not theirs, revoke the user's sessions and reset "
                    + "the password.");

    private static final int SESSIONS = 256;
    private static final int NETWORKS_PER_SESSION = 8;
    private static final int TIMES_PER_NETWORK = 64;
    private static final int CAP = 500;

    private final Duration lookahead;
    private final Duration minHistory;
    private final StateDescriptor<State> state;
    private final StateDescriptor<UserHabits> habits;

    public ResidentialProxyReplayDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.lookahead = t.duration("lookahead", Duration.ofMinutes(30),
                "the session back on its first network this long after the new one: medium, not a notice");
        this.minHistory = t.duration("minHistory", Duration.ofDays(1),
                "judge only once the logs hold this much of the user's sign-ins (before, every network is new)");
        int historyDays = t.integer("historyDays", 14, 1, "a network is new without a sign-in of the user from it in this time");
        this.state = new StateDescriptor<>(ID + "/sessions", State::new, Duration.ofDays(2), CODEC);
        this.habits = UserHabits.state(historyDays);
    }

    /** One use of a session: a successful sign-in in it. */
    record Use(long time, RecordRef source, String session, Network network, String os, String deviceId, String userAgent,
               boolean tokenClaim, String what) implements Timed {
    }

    /** A session on one network: its first use there, and the times of its uses there (the latest kept). */
    static final class OnNetwork {
        Use first;
        final ArrayList<Long> times = new ArrayList<>();

        OnNetwork(Use first) {
            this.first = first;
        }
    }

    /** The user's sessions by network block, and the token-claim uses waiting to be judged. */
    static final class State {
        final Pending<Use> candidates = new Pending<>();
        final LinkedHashMap<String, HashMap<String, OnNetwork>> sessions = new LinkedHashMap<>();
        final HashMap<String, Long> lastUse = new HashMap<>();
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, habits);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SignIn s) || !UserHabits.relevant(s)) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        UserHabits.record(ctx, habits, s, n);
        String session = s.sessionId().toLowerCase(Locale.ROOT);
        if (session.isEmpty() || n.ip().isEmpty()) return;
        ValueState<State> v = ctx.state(state);
        State st = v.value();
        HashMap<String, OnNetwork> networks = st.sessions.get(session);
        if (networks == null && st.sessions.size() < SESSIONS) st.sessions.put(session, networks = new HashMap<>());
        if (networks == null) return;
        boolean claim = s.satisfiedByToken() && !SignInSignals.trusted(s, n, ctx.enrichment().tenant())
                && n.kind() != NetworkKind.MICROSOFT;
        Use u = new Use(s.time().toEpochMilli(), RecordRef.of(s), session, n, UserAgents.client(s.userAgent(), s.device()).os(),
                s.device().id(), s.userAgent(), claim, (s.interactive() ? "sign-in to " : "non-interactive sign-in to ")
                + (s.appName().isEmpty() ? s.appId() : s.appName()));
        OnNetwork on = networks.get(n.block());
        if (on == null && networks.size() < NETWORKS_PER_SESSION) networks.put(n.block(), on = new OnNetwork(u));
        if (on == null) return;
        if (Timed.ORDER.compare(u, on.first) < 0) on.first = u;
        int at = java.util.Collections.binarySearch(on.times, u.time());
        if (at < 0) {
            on.times.add(-at - 1, u.time());
            if (on.times.size() > TIMES_PER_NETWORK) on.times.remove(0);
        }
        st.lastUse.merge(session, u.time(), Math::max);
        if (claim && st.candidates.add(u, CAP, Timed.Cap.DROP_LATEST)) {
            ctx.registerTimer(Timed.minuteAfter(u.instant().plus(lookahead)));
        }
        v.update(st);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<State> v = ctx.state(state);
        State st = v.value();
        long now = time.toEpochMilli();
        UserHabits h = ctx.state(habits).value();
        long cutoff = now - lookahead.toMillis();
        st.candidates.judge(cutoff, (i, c) -> judge(ctx, st, h, c).ifPresent(ctx::emit));
        st.candidates.forgetUpTo(cutoff);
        for (Iterator<Map.Entry<String, Long>> it = st.lastUse.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() < now - Duration.ofDays(1).toMillis()) {
                st.sessions.remove(e.getKey());
                it.remove();
            }
        }
        UserHabits.trim(ctx, habits, now);
        if (st.candidates.isEmpty() && st.sessions.isEmpty()) v.clear();
        else v.update(st);
    }

    private Optional<Alert> judge(Context ctx, State st, UserHabits h, Use c) {
        String session = c.session();
        Map<String, OnNetwork> networks = st.sessions.getOrDefault(session, new HashMap<>());
        OnNetwork here = networks.get(c.network().block());
        if (here == null || !here.first.equals(c)) return Optional.empty(); // judged on the session's first arrival here
        Use first = c;
        for (OnNetwork on : networks.values()) if (Timed.ORDER.compare(on.first, first) < 0) first = on.first;
        if (first == c || !SignInSignals.differentNetworks(first.network(), c.network())) return Optional.empty();
        for (OnNetwork on : networks.values()) {
            if (on.first.time() < c.time() && !SignInSignals.differentNetworks(on.first.network(), c.network())) {
                return Optional.empty(); // the session was on this network (another ASN of its owner) before
            }
        }
        if (!h.holdsHistory(c.time(), minHistory) || h.knownNetwork(c.network(), c.time())) return Optional.empty();
        if (h.knownDevice(c.deviceId(), c.time())) return Optional.empty(); // the user's own machine on a new network
        if (phoneHop(first, c)) return Optional.empty();
        long back = -1;
        Network backOn = null;
        for (OnNetwork on : networks.values()) {
            if (SignInSignals.differentNetworks(on.first.network(), first.network())) continue;
            for (long t : on.times) {
                if (t > c.time() && t <= c.time() + lookahead.toMillis() && (back < 0 || t < back)) {
                    back = t;
                    backOn = on.first.network();
                }
            }
        }
        String user = ctx.user();
        StringBuilder why = new StringBuilder(user).append("'s session ").append(session).append(", first used from ")
                .append(first.network().describe()).append(" at ").append(first.instant()).append(", was used from ")
                .append(c.network().describe()).append(" at ").append(c.instant()).append(" (").append(c.what())
                .append(") with MFA satisfied by the claim in the token; the user has no sign-in from that network ")
                .append(h.held(c.time()));
        if (sameClient(first, c)) why.append(", and the client is the same ('").append(c.userAgent()).append("')");
        if (back >= 0) {
            why.append(". ").append(Duration.ofMillis(back - c.time()).toMinutes())
                    .append(" min later the session was back on ").append(backOn.describe())
                    .append(": one browser cannot be in both places, a copy of the session is being replayed.");
        } else {
            why.append(". Nothing else followed within ").append(lookahead.toMinutes())
                    .append(" min: a notice until a persistence or collection alert joins it.");
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(first.source(), EventKind.SIGN_IN, first.instant(), "session first used from " + first.network().describe()));
        evidence.add(new Evidence(c.source(), EventKind.SIGN_IN, c.instant(), c.what() + " from " + c.network().describe()
                + ", MFA satisfied by the claim in the token"));
        return Optional.of(Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, c.source(), new Alerts.Finding(
                back >= 0 ? Severity.MEDIUM : Severity.NOTICE, back >= 0 ? 0.7 : 0.4, first.instant(),
                back >= 0 ? Instant.ofEpochMilli(back) : c.instant(), INFO.stage(), INFO.techniques(), why.toString(),
                new Alert.Infrastructure(List.of(c.network().ip()), c.network().asn() > 0 ? List.of(c.network().asn()) : List.of(),
                        c.userAgent().isEmpty() ? List.of() : List.of(c.userAgent()), List.of(session)),
                List.of(), evidence)));
    }

    /** A phone's session hopping between Wi-Fi and its carrier. */
    private static boolean phoneHop(Use first, Use c) {
        boolean phone = mobileOs(c.os()) || mobileOs(first.os());
        return phone && (c.network().kind() == NetworkKind.MOBILE || first.network().kind() == NetworkKind.MOBILE);
    }

    private static boolean mobileOs(String os) {
        return os.equals("iOS") || os.equals("Android");
    }

    private static boolean sameClient(Use a, Use b) {
        return !a.userAgent().isEmpty() && a.userAgent().equals(b.userAgent());
    }

    private static void use(Use u, java.io.DataOutput o) throws java.io.IOException {
        StateIo.varLong(u.time(), o);
        StateIo.source(u.source(), o);
        StateIo.str(u.session(), o);
        StateIo.network(u.network(), o);
        StateIo.str(u.os(), o);
        StateIo.str(u.deviceId(), o);
        StateIo.str(u.userAgent(), o);
        o.writeBoolean(u.tokenClaim());
        StateIo.str(u.what(), o);
    }

    private static Use use(java.io.DataInput i) throws java.io.IOException {
        return new Use(StateIo.varLong(i), StateIo.source(i), StateIo.str(i), StateIo.network(i), StateIo.str(i), StateIo.str(i),
                StateIo.str(i), i.readBoolean(), StateIo.str(i));
    }

    static final StateCodec<State> CODEC = StateCodecs.v1("residential proxy sessions", (s, out) -> {
        s.candidates.write(out, ResidentialProxyReplayDetection::use);
        StateIo.orderedMap(s.sessions, out, (networks, o) -> StateIo.sortedMap(networks, o, (on, w) -> {
            use(on.first, w);
            StateIo.list(on.times, w, (t, x) -> StateIo.varLong(t, x));
        }));
        StateCodecs.longs(s.lastUse, out);
    }, in -> {
        State s = new State();
        s.candidates.read(in, ResidentialProxyReplayDetection::use);
        StateIo.map(in, s.sessions, i -> StateIo.map(i, new HashMap<>(), r -> {
            OnNetwork on = new OnNetwork(use(r));
            on.times.addAll(StateIo.list(r, StateIo::varLong));
            return on;
        }));
        s.lastUse.putAll(StateCodecs.longs(in));
        return s;
    });
}
