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
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same Entra session used from two networks by two different clients within minutes: the victim's session
 * cookie or refresh token replayed from the attacker's machine. The replay keeps the victim's SessionId, so the
 * detection keys on the session, never on the user alone (grouping by user fires on every multi-device user).
 * <p>
 * Not evidence: a trusted network or Microsoft's own (AS8075) on either side, a hop inside one ASN (mobile, CGNAT),
 * an IPv4/IPv6 switch without ASNs (dual stack), the same client on a new network (a traveller's laptop), two rows
 * at the same instant (Microsoft's front end acting for the client), and a non-interactive row that only repeats
 * the IP of the session's interactive sign-in (such rows may inherit it).
 */
public final class SessionReplayDetection implements Detection {
    public static final String ID = "session-replay";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Session used from another network by another client",
            Severity.HIGH, KillChainStage.REPLAY, List.of("T1539", "T1078.004"),
            "An AiTM proxy steals the session cookie after the victim completes MFA; the attacker replays it from their "
                    + "own machine and is signed in as the victim with no password and no prompt. The replay keeps the "
                    + "victim's Entra SessionId, so one session seen from two networks with two different clients "
                    + "within minutes is the direct trace of it.",
            "A user who moves a session between machines through an unusual flow; corporate egress that the tenant has not "
                    + "listed as a trusted named location or allow-listed ASN; a device whose operating system is reported "
                    + "differently by two apps.",
            "Compare the two clients and networks in the evidence with the user's known devices; look for mail access, "
                    + "inbox rules, OAuth consents or MFA registrations from the second network; if confirmed, revoke the "
                    + "user's sessions, reset the password and remove what the attacker added.");

    private final SessionReplayRule rule;
    private final Duration window;
    /** How long uses are read back: a use judged a window after it pairs with those up to a window before it. */
    private final Duration keep;
    private final StateDescriptor<SessionEpisodes> state;

    public SessionReplayDetection(DetectConfig config) {
        this.rule = SessionReplayRule.of(config);
        this.window = rule.window();
        // the episodes live two windows (a use pairs with those up to a window before it) plus the minute a timer may lag
        this.keep = window.multipliedBy(2).plusMinutes(1);
        this.state = new StateDescriptor<>(ID + "/episodes", SessionEpisodes::new, keep,
                StateCodecs.SESSION_EPISODES);
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, SessionUses.STATE);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (SessionUses.offer(ctx, event, keep, Duration.ZERO, null)) {
            // one timer per user and minute at most: a timer judges every use that is old enough, not just its own
            ctx.registerTimer(Timed.minuteAfter(event.time().plus(window)));
        }
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        SessionUses uses = ctx.state(SessionUses.STATE).value();
        ValueState<SessionEpisodes> s = ctx.state(state);
        SessionEpisodes episodes = s.value();
        episodes.judge(uses, time.toEpochMilli(), window.toMillis(), SessionUses.NO_SESSION, (key, use, session) -> judge(key, use, session, ctx));
        if (episodes.isEmpty() && uses.judgedAll(episodes.judgedUpTo)) s.clear();
        else s.update(episodes);
        SessionUses.trim(ctx, rule, time.toEpochMilli());
    }

    private boolean judge(String key, SessionReplayUse later, List<SessionReplayUse> uses, Context ctx) {
        SessionReplayUse earlier = rule.replayedFrom(later, uses);
        if (earlier == null) return false;
        ctx.emit(alert(ctx, key, earlier, later, uses));
        return true;
    }

    private static boolean usable(SessionReplayUse u, Map<String, List<UserAgents.Client>> interactiveClients) {
        return SessionReplayRule.usable(u, interactiveClients);
    }

    private static Map<String, List<UserAgents.Client>> interactiveClients(List<SessionReplayUse> session) {
        return SessionReplayRule.interactiveClients(session, Long.MAX_VALUE);
    }

    private Alert alert(Context ctx, String key, SessionReplayUse first, SessionReplayUse replay,
                        List<SessionReplayUse> uses) {
        String user = ctx.user();
        Map<String, List<UserAgents.Client>> interactive = interactiveClients(uses);
        List<SessionReplayUse> usable = uses.stream().filter(u -> usable(u, interactive)).toList();
        SessionReplayUse origin = usable.get(0);
        // the replaying side: another network and another client than the session's first use; rows that could not
        // be paired themselves (a background row repeating an interactive IP) still belong to it by their address
        Set<String> replayIps = new HashSet<>();
        for (SessionReplayUse u : usable) {
            if (SignInSignals.differentNetworks(origin.network(), u.network()) && origin.client().differs(u.client())) {
                replayIps.add(u.network().ip());
            }
        }
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        // the proxy of an AiTM kit shows as the session's first network when it is a hosting network
        boolean originIsProxy = origin.network().hosting();
        SessionReplayUse last = origin;
        for (SessionReplayUse u : uses) {
            if (!u.counted() || u.time() < origin.time()) continue;
            boolean replaySide = replayIps.contains(u.network().ip());
            if (replaySide || (originIsProxy && u == origin)) {
                ips.add(u.network().ip());
                if (u.network().asn() > 0) asns.add(u.network().asn());
                if (!u.userAgent().isEmpty()) agents.add(u.userAgent());
            }
            evidence.add(u.evidence(u == origin ? "first use of the session"
                    : replaySide ? "the replaying network and client" : ""));
            last = u;
        }
        double confidence = 0.8;
        if (replay.network().hosting()) confidence += 0.1;
        if (replay.client().kind() == UserAgents.Kind.SCRIPT) confidence += 0.05;
        if (originIsProxy) confidence += 0.05;
        String session = key.startsWith("token:") ? "token " + key.substring(6) : "Entra session " + key;
        String explanation = session + " was used at " + first.instant() + " from " + first.network().describe()
                + " by " + first.client().label() + " (" + first.app() + ") and " + humanDelay(replay.time() - first.time())
                + " later at " + replay.instant() + " from " + replay.network().describe() + " by "
                + replay.client().label() + " (" + replay.app() + "): a session does not move to another network and "
                + "another client within minutes unless its cookie or token was replayed.";
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, replay.source(), new Alerts.Finding(
                INFO.severity(), Math.round(Math.min(confidence, 0.97) * 100) / 100.0,
                origin.instant(), last.instant(), INFO.stage(), INFO.techniques(), explanation,
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.of(key.startsWith("token:") ? key.substring(6) : key)),
                List.of(), evidence));
    }

    static String humanDelay(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) return s + " s";
        long m = s / 60;
        if (m < 60) return m + " min";
        return (m / 60) + " h " + (m % 60) + " min";
    }
}
