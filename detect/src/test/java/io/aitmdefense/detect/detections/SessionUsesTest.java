package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's session uses grouped into sessions for a timer, checked against the sorted map the grouping replaced. */
class SessionUsesTest {
    private static final String[] SESSIONS = {"", "", "0b7c5d2e-aaaa", "0b7c5d2e-bbbb", "1f00-cccc", "9e00-dddd", "a100-eeee"};
    private static final String[] TOKENS = {"", "", "tok-1", "tok-2", "tok-3"};
    private static final String[] AGENTS = {"Mozilla/5.0 Chrome/132.0", "python-requests/2.31", "axios/1.6.7"};

    /** Session replay keys no row without a session; client mismatch keys a scripting agent's rows by the agent. */
    private static final List<Function<SessionReplayUse, String>> SESSIONLESS = List.of(SessionUses.NO_SESSION,
            u -> u.userAgent().startsWith("Mozilla") ? "" : "agent:" + u.userAgent().substring(0, 5));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void groupsTheDueSessionsAsASortedMapOfEveryUseDoes(long seed) throws IOException {
        Random random = new Random(seed);
        SessionUses s = new SessionUses();
        int rows = 1 + random.nextInt(seed % 2 == 0 ? 120 : 8); // few uses: one use alone often decides a session
        List<SessionReplayUse> arriving = new ArrayList<>();
        // minutes with ties, arriving out of order (the list sorts them) or in time order, as a batch replays them
        for (int i = 0; i < rows; i++) arriving.add(use(random.nextInt(90) * 60_000L + random.nextInt(3) * 1000L, i, random));
        if (random.nextBoolean()) arriving.sort(Timed.ORDER);
        for (SessionReplayUse u : arriving) s.add(u);
        List<SessionReplayUse> held = new ArrayList<>(arriving);
        held.sort(Timed.ORDER);
        // the uses share one instance of each session id, and know whether any names only a token after forgetting some,
        // and again after later uses came and more were forgotten, as a stream goes on
        for (int forgetting = random.nextInt(3); forgetting > 0; forgetting--) {
            long before = random.nextInt(30) * 60_000L + random.nextInt(2) * 1000L;
            s.forgetUsesBefore(before);
            held.removeIf(u -> u.time() < before);
            for (int i = random.nextInt(4); i > 0; i--) {
                SessionReplayUse later = use(90 * 60_000L + random.nextInt(10) * 60_000L, rows + held.size() + i, random);
                if (s.add(later)) Timed.insert(held, later, Integer.MAX_VALUE, Timed.Cap.DROP_LATEST);
            }
        }
        assertThat(s.uses).isEqualTo(held);
        if (random.nextBoolean()) s = roundTrip(s); // as aitm serve reads a checkpoint back
        for (SessionReplayUse u : s.uses) {
            for (SessionReplayUse v : s.uses) if (!u.session().isEmpty() && u.session().equals(v.session())) assertThat(u.session()).isSameAs(v.session());
        }
        int nonEmpty = 0;
        for (int round = 0; round < 200; round++) {
            long after = random.nextInt(6) == 0 ? Long.MIN_VALUE : near(random);
            long cutoff = Math.max(after, near(random));
            long upTo = Math.max(cutoff, near(random));
            Function<SessionReplayUse, String> sessionless = SESSIONLESS.get(random.nextInt(SESSIONLESS.size()));

            List<SessionUses.Session> got = s.sessions(after, cutoff, upTo, sessionless);
            TreeMap<String, List<SessionReplayUse>> want = sortedMap(s.uses, after, cutoff, upTo, sessionless);
            want.remove(""); // the readers never judge them

            assertThat(got.stream().map(SessionUses.Session::key).toList()).isEqualTo(List.copyOf(want.keySet()));
            for (SessionUses.Session g : got) assertThat(g.uses()).isEqualTo(want.get(g.key()));
            if (!got.isEmpty()) nonEmpty++;
        }
        assertThat(nonEmpty).as("rounds that found a due session").isPositive();
    }

    /** A time at a use's time or a millisecond before it, so that every bound is tried inclusive and exclusive. */
    private static long near(Random random) {
        return random.nextInt(100) * 60_000L + random.nextInt(3) * 1000L - random.nextInt(2);
    }

    private static SessionUses roundTrip(SessionUses s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SessionUses.STATE.codec().write(s, new DataOutputStream(bytes));
        SessionUses back = SessionUses.STATE.codec().read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1);
        assertThat(back.uses).isEqualTo(s.uses);
        return back;
    }

    private static SessionReplayUse use(long time, int line, Random random) {
        String session = new String(SESSIONS[random.nextInt(SESSIONS.length)]); // equal ids arrive as distinct strings
        String token = TOKENS[random.nextInt(TOKENS.length)];
        String agent = AGENTS[random.nextInt(AGENTS.length)];
        Network network = new Network("198.51.100." + random.nextInt(4), 64500 + random.nextInt(3), "Example", NetworkKind.OTHER,
                false, "");
        return new SessionReplayUse(time, new RecordRef("signins.json", line + 1, 0, "", RecordIdKind.NONE), EventKind.SIGN_IN,
                session, LogId.of(token), random.nextBoolean(), true, network, agent, UserAgents.client(agent), "Office 365", true, false);
    }

    /** The grouping as it was: every due key in a sorted map, then every use up to {@code upTo} into its key's list. */
    private static TreeMap<String, List<SessionReplayUse>> sortedMap(List<SessionReplayUse> uses, long after, long cutoff, long upTo,
                                                                    Function<SessionReplayUse, String> sessionless) {
        Map<LogId, String> sessionOfToken = new HashMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            if (!u.session().isEmpty() && !u.tokenId().isEmpty()) sessionOfToken.putIfAbsent(u.tokenId(), u.session());
        }
        Function<SessionReplayUse, String> key = u -> !u.session().isEmpty() ? u.session()
                : !u.tokenId().isEmpty() ? sessionOfToken.getOrDefault(u.tokenId(), "token:" + u.tokenId()) : sessionless.apply(u);
        TreeMap<String, List<SessionReplayUse>> groups = new TreeMap<>();
        for (SessionReplayUse u : uses) {
            if (u.time() > cutoff) break;
            if (u.time() > after) groups.computeIfAbsent(key.apply(u), k -> new ArrayList<>());
        }
        for (SessionReplayUse u : uses) {
            if (u.time() > upTo) break;
            List<SessionReplayUse> group = groups.get(key.apply(u));
            if (group != null) group.add(u);
        }
        return groups;
    }
}
