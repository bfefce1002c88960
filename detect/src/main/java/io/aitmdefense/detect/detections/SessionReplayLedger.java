package io.aitmdefense.detect.detections;

import java.util.ArrayList;
import java.util.Collections;
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
        int i = Collections.binarySearch(uses, use, SessionReplayUse.ORDER);
        if (i >= 0) return; // the same row read twice
        int at = -i - 1;
        if (uses.size() >= CAP && at >= CAP) return;
        uses.add(at, use);
        if (uses.size() > CAP) uses.remove(uses.size() - 1);
    }

    /**
     * Judges, in time order, the uses that became one window old by {@code timer} (epoch ms), skipping uses that
     * continue an episode that already alerted, then forgets what can no longer matter.
     */
    void judge(long timer, long window, Judge judge) {
        long cutoff = timer - window;
        for (Map.Entry<String, List<SessionReplayUse>> g : sessions(timer).entrySet()) {
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
        uses.removeIf(u -> u.time() < forget);
        episodes.values().removeIf(last -> last < forget);
    }

    boolean isEmpty() {
        return uses.isEmpty() && episodes.isEmpty();
    }

    /**
     * Uses up to {@code upTo} grouped by session, in time order, keys sorted. A row that names only a token joins the
     * session of another row carrying the same token id (Graph activity carries both); rows naming neither share "".
     */
    private TreeMap<String, List<SessionReplayUse>> sessions(long upTo) {
        Map<String, String> sessionOfToken = new HashMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (!u.session().isEmpty() && !u.tokenId().isEmpty()) sessionOfToken.putIfAbsent(u.tokenId(), u.session());
        }
        TreeMap<String, List<SessionReplayUse>> groups = new TreeMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            String key = !u.session().isEmpty() ? u.session()
                    : u.tokenId().isEmpty() ? "" : sessionOfToken.getOrDefault(u.tokenId(), "token:" + u.tokenId());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(u);
        }
        return groups;
    }
}
