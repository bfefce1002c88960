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
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.Geo;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.StringPool;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Two consecutive interactive sign-ins of a user too far apart for the time between them (at least {@code minKm} at
 * {@code minSpeedKmh} or faster, great-circle distance between the logged coordinates). The weakest signal on its
 * own — geolocation is approximate — so it is low severity and mainly raises an incident's confidence.
 * <p>
 * Interactive, successful sign-ins with coordinates are compared with the user's previous one: background refreshes
 * alone egress through cloud regions unrelated to the user. But one session that changes country within
 * {@code sessionWindow} is evidence whether its sign-ins are interactive or not — a replayed refresh token shows up
 * as exactly that — so a sign-in naming a session is also compared with that session's previous one. SASE/VPN egress, Microsoft's network and trusted locations say nothing about where the user
 * is and are left out; two addresses of one network (same ASN, or v4/v6 without ASNs) are one place geolocated
 * twice. At most one alert per user per {@code dedupe}.
 */
public final class ImpossibleTravelDetection implements Detection {
    public static final String ID = "impossible-travel";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Impossible travel between sign-ins",
            Severity.LOW, KillChainStage.REPLAY, List.of("T1078.004"),
            "When a replayed session or stolen password is used from the attacker's country while the victim keeps "
                    + "working at home, the user appears to travel faster than a plane. Weak alone; with a replay or "
                    + "persistence alert for the same user it confirms that someone else holds the account.",
            "Consumer VPNs and iCloud Private Relay not on the curated SASE/VPN list; mobile carriers geolocated to a "
                    + "distant gateway; inaccurate geolocation of new address ranges.",
            "Compare the two locations with the user's travel and VPN use; look at the other alerts of the incident "
                    + "for the far sign-in's network and session.");

    private static final double EARTH_RADIUS_KM = 6371.0088;
    /** Half the Earth's circumference: no two places are further apart. */
    private static final double MAX_DISTANCE_KM = Math.PI * EARTH_RADIUS_KM;
    private static final int CAP = 2000;

    private final double minKm;
    private final double minSpeedKmh;
    private final Duration dedupe;
    private final Duration sessionWindow;
    /** Sign-ins further apart than this cannot reach minSpeedKmh anywhere on Earth. */
    private final Duration maxGap;
    private final StateDescriptor<ImpossibleTravelState> state;

    public ImpossibleTravelDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.minKm = t.decimal("minKm", 500, "places at least this far apart");
        this.minSpeedKmh = t.decimal("minSpeedKmh", 800, "... reached faster than this");
        if (minSpeedKmh <= 0) throw new IllegalArgumentException(ID + ".minSpeedKmh: must be positive, got " + minSpeedKmh);
        this.dedupe = t.duration("dedupe", Duration.ofHours(24), "one alert per user within this time");
        this.sessionWindow = t.duration("sessionWindow", Duration.ofMinutes(60),
                "one session in another country within this time is evidence, interactive or not");
        this.maxGap = Duration.ofMinutes((long) Math.ceil(MAX_DISTANCE_KM / minSpeedKmh * 60));
        this.state = new StateDescriptor<>(ID + "/places", ImpossibleTravelState::new, maxGap.compareTo(dedupe) > 0 ? maxGap : dedupe,
                StateCodecs.TRAVEL);
    }

    /** Where an interactive sign-in was, as the alert needs it. */
    record Place(long time, RecordRef source, double latitude, double longitude, String where, Network network,
                 UserAgents.Client client, String userAgent, String app, boolean interactive, String session,
                 String country) implements Timed {
    }

    /** Recent places in time order, how far they are judged, and when the last alert started. */
    static final class ImpossibleTravelState {
        final ArrayList<Place> places = new ArrayList<>();
        long judgedUpTo = Long.MIN_VALUE;
        long lastAlert = Long.MIN_VALUE;
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SignIn s) || !s.success() || s.workload() || !s.geo().hasCoordinates()) return;
        if (!s.interactive() && s.sessionId().isEmpty()) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        if (n.kind() == NetworkKind.SASE_VPN || n.kind() == NetworkKind.MICROSOFT
                || SignInSignals.trusted(s, n, ctx.enrichment().tenant())) return;
        Place p = new Place(s.time().toEpochMilli(), RecordRef.of(s), s.geo().latitude(), s.geo().longitude(), StringPool.of(where(s.geo())), n,
                UserAgents.client(s.userAgent(), s.device()), s.userAgent(), s.appName().isEmpty() ? s.appId() : s.appName(),
                s.interactive(), s.sessionId().toLowerCase(Locale.ROOT), s.geo().country());
        ValueState<ImpossibleTravelState> v = ctx.state(state);
        ImpossibleTravelState st = v.value();
        if (!Timed.insert(st.places, p, CAP, Timed.Cap.REFUSE_BEYOND)) return;
        v.update(st);
        ctx.registerTimer(Timed.minuteAfter(s.time()));
    }

    private static String where(Geo g) {
        String place = g.city().isEmpty() ? g.state() : g.city();
        String text = place.isEmpty() ? g.country() : g.country().isEmpty() ? place : place + ", " + g.country();
        return text.isEmpty() ? String.format(Locale.ROOT, "%.2f, %.2f", g.latitude(), g.longitude()) : text;
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<ImpossibleTravelState> v = ctx.state(state);
        ImpossibleTravelState st = v.value();
        long now = time.toEpochMilli();
        for (int i = 1; i < st.places.size(); i++) {
            Place to = st.places.get(i);
            if (to.time() > now) break;
            if (to.time() <= st.judgedUpTo) continue;
            if (st.lastAlert != Long.MIN_VALUE && to.time() - st.lastAlert < dedupe.toMillis()) continue;
            Place from = to.interactive() ? previous(st.places, i, p -> p.interactive()) : null;
            if (from == null || !travelled(from, to, maxGap.toMillis())) {
                Place inSession = to.session().isEmpty() ? null : previous(st.places, i, p -> p.session().equals(to.session()));
                from = inSession != null && !inSession.country().isEmpty() && !to.country().isEmpty()
                        && !inSession.country().equals(to.country()) && travelled(inSession, to, sessionWindow.toMillis()) ? inSession : null;
            }
            if (from != null) {
                st.lastAlert = to.time();
                ctx.emit(alert(ctx, from, to, kilometres(from, to), speed(from, to)));
            }
        }
        st.judgedUpTo = Math.max(st.judgedUpTo, now);
        forgetPassed(st.places, st.judgedUpTo);
        // keep the latest judged place: it is the predecessor of the next sign-in
        long forget = now - maxGap.toMillis();
        while (st.places.size() > 1 && st.places.get(0).time() < forget && st.places.get(1).time() <= now) st.places.remove(0);
        if (st.lastAlert != Long.MIN_VALUE && st.lastAlert < now - dedupe.toMillis()) st.lastAlert = Long.MIN_VALUE;
        v.update(st);
    }

    /**
     * Drops the judged places no later place can be compared with: a place is judged against the latest interactive
     * place before it and the latest of its own session ({@link #previous}), so of the places up to {@code judged} only
     * the latest interactive one and the latest of each session can still be one. The rest were most of the state: a
     * user's day of sign-ins, held for the longest flight.
     */
    private static void forgetPassed(ArrayList<Place> places, long judged) {
        int end = 0;
        while (end < places.size() && places.get(end).time() <= judged) end++;
        if (end < 2) return;
        boolean[] keep = new boolean[end];
        boolean interactive = false;
        Set<String> sessions = new java.util.HashSet<>();
        for (int i = end - 1; i >= 0; i--) {
            Place p = places.get(i);
            if (p.interactive() && !interactive) keep[i] = interactive = true;
            if (!p.session().isEmpty() && sessions.add(p.session())) keep[i] = true;
        }
        int kept = 0;
        for (int i = 0; i < places.size(); i++) if (i >= end || keep[i]) places.set(kept++, places.get(i));
        places.subList(kept, places.size()).clear();
    }

    /** The latest place before index {@code i} that {@code which} accepts, or null. */
    private static Place previous(List<Place> places, int i, java.util.function.Predicate<Place> which) {
        for (int j = i - 1; j >= 0; j--) if (which.test(places.get(j))) return places.get(j);
        return null;
    }

    /** Far enough apart, fast enough, on really different networks, within {@code maxGapMs}. */
    private boolean travelled(Place from, Place to, long maxGapMs) {
        long gap = to.time() - from.time();
        if (gap > maxGapMs || gap > maxGap.toMillis() || !SignInSignals.differentNetworks(from.network(), to.network())) return false;
        return kilometres(from, to) >= minKm && speed(from, to) >= minSpeedKmh;
    }

    private static double speed(Place from, Place to) {
        double hours = (to.time() - from.time()) / 3_600_000.0;
        return hours == 0 ? Double.POSITIVE_INFINITY : kilometres(from, to) / hours;
    }

    static double kilometres(Place a, Place b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private Alert alert(Context ctx, Place from, Place to, double km, double speed) {
        String user = ctx.user();
        String pace = Double.isInfinite(speed) ? "at the same moment"
                : String.format(Locale.ROOT, "in %s, %,.0f km/h", SessionReplayDetection.humanDelay(to.time() - from.time()), speed);
        boolean session = !(from.interactive() && to.interactive());
        String explanation = String.format(Locale.ROOT,
                "%s signed in to %s from %s in %s at %s and to %s from %s in %s at %s: %,.0f km %s, faster than any flight%s.",
                user, from.app(), from.network().describe(), from.where(), from.instant(),
                to.app(), to.network().describe(), to.where(), to.instant(), km, pace,
                session ? "; both in Entra session " + to.session() + ", which changed country"
                        + (from.interactive() || to.interactive() ? "" : " without an interactive sign-in")
                        + " — a session's token moved to another country" : "");
        boolean hosting = from.network().hosting() || to.network().hosting();
        double confidence = 0.35 + (hosting ? 0.15 : 0) + (from.client().differs(to.client()) ? 0.1 : 0) + (session ? 0.1 : 0);
        // which side is the attacker is unknown; name a side only when it is a hosting network, so that the victim's
        // own home address never lands in the campaign view
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        for (Place p : List.of(from, to)) {
            if (!p.network().hosting()) continue;
            ips.add(p.network().ip());
            if (p.network().asn() > 0) asns.add(p.network().asn());
            if (!p.userAgent().isEmpty()) agents.add(p.userAgent());
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Place p : List.of(from, to)) {
            evidence.add(new Evidence(p.source(), EventKind.SIGN_IN, p.instant(), (p.interactive() ? "interactive" : "non-interactive")
                    + " sign-in to " + p.app()
                    + " from " + p.where() + ", " + p.network().describe() + " by " + p.client().label()));
        }
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, to.source(), new Alerts.Finding(
                INFO.severity(), Math.round(confidence * 100) / 100.0,
                from.instant(), to.instant(), INFO.stage(), INFO.techniques(), explanation,
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), session ? List.of(to.session()) : List.of()),
                List.of(), evidence));
    }
}
