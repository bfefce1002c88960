package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A user's recent uses of their Entra sessions, kept once for every detection that reads them (session replay, client
 * mismatch, and through the suspicious-sign-in ledger the correlating detections), in event-time order. Each detection
 * hands in the events it sees ({@link #offer}); the first records the use, the others find it there.
 * <p>
 * Uses are kept as long as the most demanding reader asked. The uses {@link SessionReplayRule} calls replays are
 * also written down, once the watermark has passed them, as {@link Replay}s that outlive the uses by as long as the
 * suspicious-sign-in ledger may ask about them — a few marks instead of a day of uses.
 */
final class SessionUses {
    /** Uses kept per user; beyond it the latest are dropped (then, and only then, arrival order can matter). */
    static final int CAP = 2000;
    private static final int REPLAYS = 256;
    /** For readers that judge only rows naming a session or a token. */
    static final Function<SessionReplayUse, String> NO_SESSION = u -> "";

    /**
     * The shared state. Its time-to-live is only a safety net: the readers' timers trim it and clear it when empty, so
     * it is as long as the longest history any reader may keep (the ledger's default 14 days and two).
     */
    static final StateDescriptor<SessionUses> STATE = StateDescriptor.shared("session-uses", SessionUses::new,
            Duration.ofDays(16), codec());

    /** A use the rule judged a replay of {@code from}, an earlier use of the same session. */
    record Replay(SessionReplayUse use, SessionReplayUse from) implements Timed {
        @Override
        public long time() {
            return use.time();
        }

        @Override
        public RecordRef source() {
            return use.source();
        }
    }

    final ArrayList<SessionReplayUse> uses = new ArrayList<>();
    final ArrayList<Replay> replays = new ArrayList<>();
    /**
     * The time of each use, {@code times[i] == uses.get(i).time()}: a timer finds what is due in one small array instead
     * of reading use after use, each elsewhere on the heap.
     */
    private long[] times = new long[8];
    /** How many of {@link #uses} name only a token: without them no grouping needs to look tokens up. */
    private int tokenOnly;
    /** How long behind the watermark readers read uses, and replays (ms): the most any reader asked for. */
    private long keepUses, keepReplays;
    /** Uses at or before this time (epoch ms) have been judged into {@link #replays}. */
    private long markedUpTo = Long.MIN_VALUE;
    /** Time and row of the last event handed in whose use does not depend on the reader: the next reader skips it. */
    private long lastTime = Long.MIN_VALUE;
    private Source lastSource;
    private boolean lastKept;

    /**
     * Hands an event to the user's session uses; a successful use by a person is recorded once however many readers
     * hand it in, and the reader gets a timer when the use may be forgotten (its {@code onTimer} calls {@link #trim}).
     *
     * @param keepUses    how far behind the watermark this reader reads uses
     * @param keepReplays how far behind the watermark this reader asks about replays (zero for none)
     * @param sessionless whether to keep a row naming neither a session nor a token (null: never)
     * @return whether the event is a use the user's session uses hold
     */
    static boolean offer(Context ctx, Event event, Duration keepUses, Duration keepReplays, Predicate<SessionReplayUse> sessionless) {
        if (!(event instanceof SignIn) && !(event instanceof OfficeActivity)) return false;
        ValueState<SessionUses> v = ctx.state(STATE);
        SessionUses s = v.value();
        long t = event.time().toEpochMilli();
        boolean asked = s.keepUses < keepUses.toMillis() || s.keepReplays < keepReplays.toMillis();
        s.keepUses = Math.max(s.keepUses, keepUses.toMillis());
        s.keepReplays = Math.max(s.keepReplays, keepReplays.toMillis());
        if (t == s.lastTime && event.source().equals(s.lastSource)) {
            if (asked && !s.isEmpty()) v.update(s);
            return s.lastKept;
        }
        SessionReplayUse use = SessionReplayUse.of(event, ctx.enrichment(), sessionless != null);
        boolean named = use != null && (!use.session().isEmpty() || !use.tokenId().isEmpty());
        if (use == null || named) {
            s.lastTime = t;
            s.lastSource = event.source();
            s.lastKept = named;
        }
        boolean keep = named || use != null && sessionless != null && sessionless.test(use);
        if (keep && s.add(use)) {
            ctx.registerTimer(Timed.minuteAfter(use.instant().plusMillis(s.keepUses)));
        }
        if (keep || !s.isEmpty()) v.update(s);
        return keep;
    }

    /** Holds {@code use} in time order; false when it was already held or the list is full beyond it. */
    boolean add(SessionReplayUse use) {
        int n = uses.size();
        if (n < CAP && (n == 0 || use.time() > times[n - 1])) {
            // replayed in time order, a use almost always comes last
            uses.add(sharingSession(use));
            if (n == times.length) times = Arrays.copyOf(times, 2 * n);
            times[n] = use.time();
            if (tokenOnly(use)) tokenOnly++;
            return true;
        }
        if (!Timed.insert(uses, sharingSession(use), CAP, Timed.Cap.REFUSE_BEYOND)) return false;
        changed(); // a full list may have given up its latest use for this one
        return true;
    }

    /** Brings {@link #times} and {@link #tokenOnly} up to date after {@link #uses} changed other than at its end. */
    private void changed() {
        if (times.length < uses.size()) times = new long[Math.max(8, uses.size() * 2)];
        int n = 0;
        for (int i = 0; i < uses.size(); i++) {
            SessionReplayUse u = uses.get(i);
            times[i] = u.time();
            if (tokenOnly(u)) n++;
        }
        tokenOnly = n;
    }

    /**
     * The use holding the same session id instance as the user's other uses of that session: grouping a session's uses
     * then compares ids by identity, without reading them. A use almost always continues a recent one's session.
     */
    private SessionReplayUse sharingSession(SessionReplayUse use) {
        String session = use.session();
        if (session.isEmpty()) return use;
        for (int i = uses.size() - 1; i >= 0; i--) {
            String held = uses.get(i).session();
            if (held == session) return use;
            if (held.equals(session)) return use.withSession(held);
        }
        return use;
    }

    private static boolean tokenOnly(SessionReplayUse u) {
        return u.session().isEmpty() && !u.tokenId().isEmpty();
    }

    /** Forgets the uses before {@code time} (epoch ms). */
    void forgetUsesBefore(long time) {
        int n = uses.size();
        if (n == 0 || times[0] >= time) return;
        // a prefix, found in the times: reading every use held (each elsewhere on the heap) cost more than the rest
        int forgotten = Timed.firstAfter(n, i -> times[i], time - 1);
        for (int i = 0; i < forgotten; i++) if (tokenOnly(uses.get(i))) tokenOnly--;
        uses.subList(0, forgotten).clear();
        System.arraycopy(times, forgotten, times, 0, n - forgotten);
    }

    /** Whether every use held is after {@code judgedUpTo}: a reader's cursor up to it can be forgotten. */
    boolean judgedAll(long judgedUpTo) {
        return uses.isEmpty() || times[0] > judgedUpTo;
    }

    /** The user's session uses with every replay up to {@code upTo} (a timer's time: the input is complete to it) judged. */
    static SessionUses judged(Context ctx, SessionReplayRule rule, long upTo) {
        ValueState<SessionUses> v = ctx.state(STATE);
        SessionUses s = v.value();
        if (s.mark(rule, upTo, ctx)) v.update(s);
        return s;
    }

    /** Judges replays up to {@code now} (a timer's time), then forgets what no reader can ask about any more. */
    static void trim(Context ctx, SessionReplayRule rule, long now) {
        ValueState<SessionUses> v = ctx.state(STATE);
        SessionUses s = v.value();
        if (s.isEmpty()) return;
        s.mark(rule, now, ctx);
        // the timers come a minute after a use's keeping time: nothing is forgotten before a reader is done with it
        long forgetUses = now - s.keepUses, forgetReplays = now - s.keepReplays;
        s.forgetUsesBefore(forgetUses);
        if (!s.replays.isEmpty() && s.replays.get(0).time() < forgetReplays) s.replays.removeIf(r -> r.time() < forgetReplays);
        if (s.isEmpty()) v.clear();
        else v.update(s);
    }

    /** The replays with {@code from <= time <= to}, in time order; valid once {@link #judged} up to {@code to}. */
    List<Replay> replays(long from, long to) {
        List<Replay> out = new ArrayList<>();
        for (Replay r : replays) {
            if (r.time() > to) break;
            if (r.time() >= from) out.add(r);
        }
        return out;
    }

    /**
     * Writes down the replays among the uses after {@link #markedUpTo} up to {@code upTo}; true when anything changed.
     * The rule looks back one window, and uses are kept at least that long ({@link #offer}'s callers ask for it).
     */
    private boolean mark(SessionReplayRule rule, long upTo, Context ctx) {
        if (upTo <= markedUpTo || keepReplays == 0) return false;
        for (Session g : sessions(markedUpTo, upTo, upTo, NO_SESSION)) {
            List<SessionReplayUse> session = g.uses();
            for (int i = Timed.firstAfter(session, markedUpTo); i < session.size(); i++) {
                SessionReplayUse u = session.get(i);
                SessionReplayUse from = rule.replayedFrom(u, session);
                if (from != null && Timed.insert(replays, new Replay(u, from), REPLAYS, Timed.Cap.DROP_OLDEST)) {
                    ctx.registerTimer(Timed.minuteAfter(Instant.ofEpochMilli(u.time() + keepReplays)));
                }
            }
        }
        markedUpTo = upTo;
        return true;
    }

    boolean isEmpty() {
        return uses.isEmpty() && replays.isEmpty();
    }

    /** One session's uses as {@link #sessions} groups them: its key and its uses up to the asked time, in time order. */
    record Session(String key, List<SessionReplayUse> uses) {
    }

    /**
     * The sessions with a use in ({@code after}, {@code cutoff}]: each with its uses up to {@code upTo}, in time order,
     * keys sorted. A row that names only a token joins the session of another row carrying the same token id (Graph
     * activity carries both); a row naming neither is keyed by {@code sessionless}, and one it keys "" is in no session.
     */
    List<Session> sessions(long after, long cutoff, long upTo, Function<SessionReplayUse, String> sessionless) {
        // most timers come when nothing new is old enough to judge: answer before grouping anything
        int n = uses.size();
        if (n == 0 || times[n - 1] <= after || times[0] > cutoff) return List.of();
        int first = Timed.firstAfter(n, i -> times[i], after);
        if (times[first] > cutoff) return List.of();
        Map<LogId, String> sessionOfToken = tokenSessions(upTo);
        // the due sessions, sorted: a timer almost always finds one, so a sorted map for them is not worth building
        List<String> keys = new ArrayList<>(2);
        String previous = "";
        for (int i = first; i < n && times[i] <= cutoff; i++) {
            String key = key(uses.get(i), sessionOfToken, sessionless);
            if (key.isEmpty() || key.equals(previous)) continue;
            previous = key;
            keys.add(key);
        }
        if (keys.size() > 1) {
            keys.sort(null);
            int distinct = 1;
            for (int i = 1; i < keys.size(); i++) if (!keys.get(i).equals(keys.get(distinct - 1))) keys.set(distinct++, keys.get(i));
            keys.subList(distinct, keys.size()).clear();
        }
        if (keys.isEmpty()) return List.of();
        return keys.size() == 1 ? List.of(new Session(keys.get(0), usesOf(keys.get(0), upTo, sessionOfToken, sessionless)))
                : groups(keys, upTo, sessionOfToken, sessionless);
    }

    private List<SessionReplayUse> usesOf(String key, long upTo, Map<LogId, String> sessionOfToken,
                                          Function<SessionReplayUse, String> sessionless) {
        // room for every use up to upTo: a busy session's list grew a copy at a time (2% of the samples at 1M)
        List<SessionReplayUse> group = new ArrayList<>(Math.max(1, Timed.firstAfter(uses.size(), i -> times[i], upTo)));
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (u.session() == key || key.equals(key(u, sessionOfToken, sessionless))) group.add(u);
        }
        return group;
    }

    private List<Session> groups(List<String> keys, long upTo, Map<LogId, String> sessionOfToken,
                                 Function<SessionReplayUse, String> sessionless) {
        Map<String, List<SessionReplayUse>> byKey = new HashMap<>();
        List<Session> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            List<SessionReplayUse> group = new ArrayList<>();
            byKey.put(key, group);
            out.add(new Session(key, group));
        }
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            List<SessionReplayUse> group = byKey.get(key(u, sessionOfToken, sessionless));
            if (group != null) group.add(u);
        }
        return out;
    }

    /** Token id → session of the rows up to {@code upTo} that carry both; empty when no row names only a token. */
    private Map<LogId, String> tokenSessions(long upTo) {
        if (tokenOnly == 0) return Map.of();
        boolean any = false;
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (tokenOnly(u)) {
                any = true;
                break;
            }
        }
        if (!any) return Map.of();
        Map<LogId, String> sessionOfToken = new HashMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (!u.session().isEmpty() && !u.tokenId().isEmpty()) sessionOfToken.putIfAbsent(u.tokenId(), u.session());
        }
        return sessionOfToken;
    }

    private static String key(SessionReplayUse u, Map<LogId, String> sessionOfToken,
                              Function<SessionReplayUse, String> sessionless) {
        if (!u.session().isEmpty()) return u.session();
        if (!u.tokenId().isEmpty()) return sessionOfToken.getOrDefault(u.tokenId(), "token:" + u.tokenId());
        return sessionless.apply(u);
    }

    private static StateCodec<SessionUses> codec() {
        return StateCodecs.v1("session uses", (s, out) -> {
            StateIo.list(s.uses, out, StateCodecs::sessionUse);
            StateIo.list(s.replays, out, (r, o) -> {
                StateCodecs.sessionUse(r.use(), o);
                StateCodecs.sessionUse(r.from(), o);
            });
            StateIo.varLong(s.keepUses, out);
            StateIo.varLong(s.keepReplays, out);
            StateIo.varLong(s.markedUpTo, out);
            StateIo.varLong(s.lastTime, out);
            out.writeBoolean(s.lastSource != null);
            if (s.lastSource != null) StateIo.eventSource(s.lastSource, out);
            out.writeBoolean(s.lastKept);
        }, in -> {
            SessionUses s = new SessionUses();
            for (SessionReplayUse u : StateIo.list(in, StateCodecs::sessionUse)) s.uses.add(s.sharingSession(u));
            s.changed();
            s.replays.addAll(StateIo.list(in, i -> new Replay(StateCodecs.sessionUse(i), StateCodecs.sessionUse(i))));
            s.keepUses = StateIo.varLong(in);
            s.keepReplays = StateIo.varLong(in);
            s.markedUpTo = StateIo.varLong(in);
            s.lastTime = StateIo.varLong(in);
            if (in.readBoolean()) s.lastSource = StateIo.eventSource(in);
            s.lastKept = in.readBoolean();
            return s;
        });
    }
}
