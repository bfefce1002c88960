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
import io.aitmdefense.events.codec.StringPool;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

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

    /** A session on one network: its first use there, and the times of its uses there (the latest kept), ascending. */
    static final class OnNetwork {
        final String block;
        Use first;
        private long[] times = new long[2];
        private int count;

        OnNetwork(String block, Use first) {
            this.block = block;
            this.first = first;
        }

        /** Keeps {@code time} once, dropping the earliest beyond {@link #TIMES_PER_NETWORK}. */
        void add(long time) {
            // in time order a use comes last: appended without a search
            int at = count == 0 || times[count - 1] < time ? -count - 1 : Arrays.binarySearch(times, 0, count, time);
            if (at >= 0) return;
            at = -at - 1;
            if (count == times.length) times = Arrays.copyOf(times, Math.min(count * 2, TIMES_PER_NETWORK + 1));
            System.arraycopy(times, at, times, at + 1, count - at);
            times[at] = time;
            if (++count > TIMES_PER_NETWORK) {
                System.arraycopy(times, 1, times, 0, --count);
            }
        }

        /** The first time in ({@code after}, {@code upTo}], or -1. */
        long firstIn(long after, long upTo) {
            for (int i = 0; i < count; i++) if (times[i] > after) return times[i] <= upTo ? times[i] : -1;
            return -1;
        }
    }

    /**
     * One session of the user: the networks it was used on (a few, in arrival order) and its latest use. Arrays, not a
     * map per session: a day of a user's sessions is hundreds of them, and maps of boxed times filled the heap at 1M rows.
     */
    static final class Session {
        private OnNetwork[] networks = new OnNetwork[1];
        private int size;
        long lastUse = Long.MIN_VALUE;

        OnNetwork on(String block) {
            for (int i = 0; i < size; i++) if (networks[i].block.equals(block)) return networks[i];
            return null;
        }

        /** Adds a network, or returns null when the session has {@link #NETWORKS_PER_SESSION} already. */
        OnNetwork add(String block, Use first) {
            if (size >= NETWORKS_PER_SESSION) return null;
            if (size == networks.length) networks = Arrays.copyOf(networks, size * 2);
            return networks[size++] = new OnNetwork(block, first);
        }

        List<OnNetwork> networks() {
            return Arrays.asList(networks).subList(0, size);
        }
    }

    /** The user's sessions, and the token-claim uses waiting to be judged. */
    static final class State {
        final Pending<Use> candidates = new Pending<>();
        final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
        /**
         * A time at or before every session's latest use: timers come every minute, and a session is forgotten only a
         * day after its latest use, so most timers need not visit the sessions.
         */
        long usedSince = Long.MIN_VALUE;

        /** Forgets the sessions whose latest use is before {@code before}. */
        void forgetSessionsBefore(long before) {
            if (before <= usedSince) return;
            sessions.values().removeIf(session -> session.lastUse < before);
            long oldest = Long.MAX_VALUE;
            for (Session session : sessions.values()) oldest = Math.min(oldest, session.lastUse);
            usedSince = oldest;
        }
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
        Session networks = st.sessions.get(session);
        if (networks == null && st.sessions.size() < SESSIONS) st.sessions.put(session, networks = new Session());
        if (networks == null) return;
        boolean claim = s.satisfiedByToken() && !SignInSignals.trusted(s, n, ctx.enrichment().tenant())
                && n.kind() != NetworkKind.MICROSOFT;
        long time = s.time().toEpochMilli();
        // most sign-ins are one more use of a session on a network it is already on: they add a time, and the
        // Use (record reference, client, description) is built only when it is kept as a first use or a candidate
        Use u = null;
        OnNetwork on = networks.on(n.block());
        if (on == null) {
            on = networks.add(n.block(), u = use(s, session, n, claim));
            if (on == null) return;
        } else if (Timed.compare(time, s.source(), on.first) < 0) {
            on.first = u = use(s, session, n, claim);
        }
        on.add(time);
        networks.lastUse = Math.max(networks.lastUse, time);
        st.usedSince = Math.min(st.usedSince, time);
        if (claim) {
            if (u == null) u = use(s, session, n, claim);
            if (st.candidates.add(u, CAP, Timed.Cap.DROP_LATEST)) ctx.registerTimer(Timed.minuteAfter(u.instant().plus(lookahead)));
        }
        v.update(st);
    }

    private static Use use(SignIn s, String session, Network n, boolean claim) {
        return new Use(s.time().toEpochMilli(), RecordRef.of(s), session, n, UserAgents.client(s.userAgent(), s.device()).os(),
                s.device().id(), s.userAgent(), claim, StringPool.of((s.interactive() ? "sign-in to " : "non-interactive sign-in to ")
                + (s.appName().isEmpty() ? s.appId() : s.appName())));
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
        st.forgetSessionsBefore(now - Duration.ofDays(1).toMillis());
        UserHabits.trim(ctx, habits, now);
        if (st.candidates.isEmpty() && st.sessions.isEmpty()) v.clear();
        else v.update(st);
    }

    private Optional<Alert> judge(Context ctx, State st, UserHabits h, Use c) {
        String session = c.session();
        Session held = st.sessions.get(session);
        List<OnNetwork> networks = held == null ? List.of() : held.networks();
        OnNetwork here = held == null ? null : held.on(c.network().block());
        // judged on the session's first arrival here (most often the very same Use: no need to compare its fields)
        if (here == null || here.first != c && !here.first.equals(c)) return Optional.empty();
        Use first = c;
        for (OnNetwork on : networks) if (Timed.ORDER.compare(on.first, first) < 0) first = on.first;
        if (first == c || !SignInSignals.differentNetworks(first.network(), c.network())) return Optional.empty();
        for (OnNetwork on : networks) {
            if (on.first.time() < c.time() && !SignInSignals.differentNetworks(on.first.network(), c.network())) {
                return Optional.empty(); // the session was on this network (another ASN of its owner) before
            }
        }
        if (!h.holdsHistory(c.time(), minHistory) || h.knownNetwork(c.network(), c.time())) return Optional.empty();
        if (h.knownDevice(c.deviceId(), c.time())) return Optional.empty(); // the user's own machine on a new network
        if (phoneHop(first, c)) return Optional.empty();
        long back = -1;
        Network backOn = null;
        for (OnNetwork on : networks) {
            if (SignInSignals.differentNetworks(on.first.network(), first.network())) continue;
            long t = on.firstIn(c.time(), c.time() + lookahead.toMillis());
            if (t >= 0 && (back < 0 || t < back)) {
                back = t;
                backOn = on.first.network();
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
        StateIo.orderedMap(s.sessions, out, (session, o) -> {
            List<OnNetwork> networks = new ArrayList<>(session.networks());
            networks.sort(Comparator.comparing(on -> on.block));
            StateIo.varInt(networks.size(), o);
            for (OnNetwork on : networks) {
                StateIo.str(on.block, o);
                use(on.first, o);
                StateIo.varInt(on.count, o);
                for (int i = 0; i < on.count; i++) StateIo.varLong(on.times[i], o);
            }
        });
        TreeMap<String, Long> lastUse = new TreeMap<>();
        s.sessions.forEach((id, session) -> lastUse.put(id, session.lastUse));
        StateIo.sortedMap(lastUse, out, (t, o) -> StateIo.varLong(t, o));
    }, in -> {
        State s = new State();
        s.candidates.read(in, ResidentialProxyReplayDetection::use);
        StateIo.map(in, s.sessions, i -> {
            Session session = new Session();
            for (int n = StateIo.varInt(i); n > 0; n--) {
                OnNetwork on = session.add(StateIo.str(i), use(i));
                for (int t = StateIo.varInt(i); t > 0; t--) on.add(StateIo.varLong(i));
            }
            return session;
        });
        StateCodecs.longs(in).forEach((id, t) -> {
            Session session = s.sessions.get(id);
            if (session != null) session.lastUse = t;
        });
        return s;
    });
}
