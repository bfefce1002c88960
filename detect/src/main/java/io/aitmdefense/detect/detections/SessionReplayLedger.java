package io.aitmdefense.detect.detections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's recent session uses, in event-time order, and which of them have been judged. It makes the session
 * detections independent of arrival order: a use is judged exactly once, at the timer one window after it, when
 * every use up to that timer has arrived (the watermark guarantees it), against the uses before it.
 * <p>
 * One alert per session "episode": once a session has alerted, its further uses belong to the same situation until
 * the session has been quiet for a whole window. Uses older than two windows can no longer be paired and are dropped.
 */
final class SessionReplayLedger {
    /** Uses kept per user; beyond it the latest are dropped (then, and only then, arrival order can matter). */
    static final int CAP = 2000;

    final ArrayList<SessionReplayUse> uses = new ArrayList<>();
    /** Uses at or before this time (epoch ms) have been judged. */
    long judgedUpTo = Long.MIN_VALUE;
    /** Sessions that alerted, with the time of their latest use: further uses within a window are the same episode. */
    final HashMap<String, Long> episodes = new HashMap<>();

    /** Decides for one not-yet-judged use whether its session alerts now; returns true when it emitted an alert. */
    interface Judge {
        boolean judge(String sessionKey, SessionReplayUse use, List<SessionReplayUse> sessionUses);
    }

    void add(SessionReplayUse use) {
        Timed.insert(uses, use, CAP, Timed.Cap.REFUSE_BEYOND);
    }

    /**
     * Judges, in time order, the uses that became one window old by {@code timer} (epoch ms), skipping uses that
     * continue an episode that already alerted, then forgets what can no longer matter.
     */
    void judge(long timer, long window, Judge judge) {
        long cutoff = timer - window;
        for (Map.Entry<String, List<SessionReplayUse>> g : dueSessions(timer, cutoff).entrySet()) {
            String key = g.getKey();
            Long last = episodes.get(key);
            for (SessionReplayUse use : g.getValue()) {
                if (use.time() <= judgedUpTo || use.time() > cutoff) continue;
                if (last != null && use.time() - last <= window) {
                    last = use.time();
                    continue;
                }
                last = judge.judge(key, use, g.getValue()) ? use.time() : null;
            }
            if (last != null) episodes.put(key, last);
            else episodes.remove(key);
        }
        judgedUpTo = Math.max(judgedUpTo, cutoff);
        long forget = cutoff - window;
        if (!uses.isEmpty() && uses.get(0).time() < forget) uses.removeIf(u -> u.time() < forget);
        episodes.values().removeIf(last -> last < forget);
    }

    boolean isEmpty() {
        return uses.isEmpty() && episodes.isEmpty();
    }

    /**
     * The sessions with a use not yet judged up to {@code cutoff}: each with its uses up to {@code upTo}, in time
     * order, keys sorted. A timer concerns a session or two of the user's; the others are not regrouped. A row that
     * names only a token joins the session of another row carrying the same token id (Graph activity carries both);
     * rows naming neither share "".
     */
    private TreeMap<String, List<SessionReplayUse>> dueSessions(long upTo, long cutoff) {
        Map<String, String> sessionOfToken = tokenSessions(upTo);
        TreeMap<String, List<SessionReplayUse>> groups = new TreeMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > cutoff) break;
            if (u.time() > judgedUpTo) groups.computeIfAbsent(key(u, sessionOfToken), k -> new ArrayList<>());
        }
        if (groups.isEmpty()) return groups;
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            List<SessionReplayUse> group = groups.get(key(u, sessionOfToken));
            if (group != null) group.add(u);
        }
        return groups;
    }

    /** Token id → session of the rows up to {@code upTo} that carry both; empty when no row names only a token. */
    private Map<String, String> tokenSessions(long upTo) {
        boolean tokenOnly = false;
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (u.session().isEmpty() && !u.tokenId().isEmpty()) {
                tokenOnly = true;
                break;
            }
        }
        if (!tokenOnly) return Map.of();
        Map<String, String> sessionOfToken = new HashMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (!u.session().isEmpty() && !u.tokenId().isEmpty()) sessionOfToken.putIfAbsent(u.tokenId(), u.session());
        }
        return sessionOfToken;
    }

    private static String key(SessionReplayUse u, Map<String, String> sessionOfToken) {
        return !u.session().isEmpty() ? u.session()
                : u.tokenId().isEmpty() ? "" : sessionOfToken.getOrDefault(u.tokenId(), "token:" + u.tokenId());
    }
}
