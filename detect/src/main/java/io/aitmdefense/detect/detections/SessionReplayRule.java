package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.signals.SignInSignals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rule for "this use of a session is a replay": an earlier use of the same session, at least {@code minDelay}
 * and at most {@code window} before it, on a really different network ({@link SignInSignals#differentNetworks}) by a
 * client that {@link UserAgents.Client#differs differs}, both uses able to speak for where their client was. The
 * session-replay detection alerts on it and the suspicious-sign-in ledger counts it, so they cannot disagree.
 * <p>
 * The rule looks only at the session's uses up to the judged one (never after it), so its verdict is final as soon as
 * the watermark has passed the use.
 */
record SessionReplayRule(Duration window, Duration minDelay) {

    /** The rule with session-replay's configured thresholds, whoever asks. */
    static SessionReplayRule of(DetectConfig config) {
        Thresholds t = config.detection(SessionReplayDetection.ID);
        return new SessionReplayRule(
                t.duration("window", Duration.ofMinutes(60), "second use of a session from another network within this time"),
                t.duration("minDelay", Duration.ofSeconds(1), "immediate use from Microsoft's front end (delay 0) is not replay"));
    }

    /**
     * The earlier use {@code later} replays, or null. {@code session} holds the session's uses in time order, at least
     * those up to {@code later}; later ones are not looked at.
     */
    SessionReplayUse replayedFrom(SessionReplayUse later, List<SessionReplayUse> session) {
        if (!later.counted()) return null;
        // the interactive clients are looked up only for a pair on two networks with two clients: most sessions have none
        Map<String, List<UserAgents.Client>> interactive = null;
        for (SessionReplayUse earlier : session) {
            if (Timed.ORDER.compare(earlier, later) >= 0) break;
            long delay = later.time() - earlier.time();
            if (delay < minDelay.toMillis() || delay > window.toMillis() || !earlier.counted()) continue;
            if (!SignInSignals.differentNetworks(earlier.network(), later.network()) || !earlier.client().differs(later.client())) continue;
            if (interactive == null) {
                interactive = interactiveClients(session, later.time());
                if (!usable(later, interactive)) return null;
            }
            if (usable(earlier, interactive)) return earlier;
        }
        return null;
    }

    /**
     * A use that can speak for where its client was: counted (not trusted, not Microsoft) and not a non-interactive
     * row that shows the IP of the session's interactive sign-in with another client — such rows may only have
     * inherited that IP, so where their client really was is unknown.
     */
    static boolean usable(SessionReplayUse u, Map<String, List<UserAgents.Client>> interactiveClients) {
        if (!u.counted()) return false;
        if (u.interactive() || !u.signIn()) return true;
        List<UserAgents.Client> there = interactiveClients.get(u.network().ip());
        return there == null || there.stream().anyMatch(c -> !c.differs(u.client()));
    }

    /** The clients of the session's interactive sign-ins up to {@code upTo} (epoch ms), by address. */
    static Map<String, List<UserAgents.Client>> interactiveClients(List<SessionReplayUse> session, long upTo) {
        Map<String, List<UserAgents.Client>> byIp = new HashMap<>();
        for (SessionReplayUse u : session) {
            if (u.time() > upTo) break;
            if (u.interactive()) byIp.computeIfAbsent(u.network().ip(), ip -> new ArrayList<>()).add(u.client());
        }
        return byIp;
    }
}
