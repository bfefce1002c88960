package io.aitmdefense.detect.detections;

import java.util.HashMap;
import java.util.List;
import java.util.function.Function;

/**
 * How far one session detection has judged the user's {@link SessionUses}, and its open episodes. It makes the session
 * detections independent of arrival order: a use is judged exactly once, at the timer one window after it, when every
 * use up to that timer has arrived (the watermark guarantees it), against the uses around it.
 * <p>
 * One alert per session "episode": once a session has alerted, its further uses belong to the same situation until
 * the session has been quiet for a whole window.
 */
final class SessionEpisodes {
    /** Uses at or before this time (epoch ms) have been judged. */
    long judgedUpTo = Long.MIN_VALUE;
    /** Sessions that alerted, with the time of their latest use: further uses within a window are the same episode. */
    final HashMap<String, Long> episodes = new HashMap<>();

    /** Decides for one not-yet-judged use whether its session alerts now; returns true when it emitted an alert. */
    interface Judge {
        boolean judge(String sessionKey, SessionReplayUse use, List<SessionReplayUse> sessionUses);
    }

    /**
     * Judges, in time order, the uses that became one window old by {@code timer} (epoch ms), skipping uses that
     * continue an episode that already alerted. Rows naming neither a session nor a token are keyed by
     * {@code sessionless} ("" is never judged).
     */
    void judge(SessionUses sessions, long timer, long window, Function<SessionReplayUse, String> sessionless, Judge judge) {
        long cutoff = timer - window;
        for (SessionUses.Session g : sessions.sessions(judgedUpTo, cutoff, timer, sessionless)) {
            String key = g.key();
            Long last = episodes.get(key);
            List<SessionReplayUse> uses = g.uses();
            for (int i = Timed.firstAfter(uses, judgedUpTo); i < uses.size() && uses.get(i).time() <= cutoff; i++) {
                SessionReplayUse use = uses.get(i);
                if (last != null && use.time() - last <= window) {
                    last = use.time();
                    continue;
                }
                last = judge.judge(key, use, uses) ? use.time() : null;
            }
            if (last != null) episodes.put(key, last);
            else episodes.remove(key);
        }
        judgedUpTo = Math.max(judgedUpTo, cutoff);
        long forget = cutoff - window;
        if (!episodes.isEmpty()) episodes.values().removeIf(last -> last < forget);
    }

    boolean isEmpty() {
        return episodes.isEmpty();
    }
}
