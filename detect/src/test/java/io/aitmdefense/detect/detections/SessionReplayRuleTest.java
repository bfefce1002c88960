package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay rule, which looks the session's interactive clients up only for a pair it could call a replay. */
class SessionReplayRuleTest {
    private static final SessionReplayRule RULE = new SessionReplayRule(Duration.ofMinutes(60), Duration.ofSeconds(1));
    private static final Network[] NETWORKS = {
            new Network("203.0.113.10", 14061, "DigitalOcean", NetworkKind.HOSTING, false, ""),
            new Network("198.51.100.20", 24940, "Hetzner Online", NetworkKind.HOSTING, false, ""),
            new Network("192.0.2.7", 7922, "Comcast", NetworkKind.OTHER, false, ""),
            new Network("192.0.2.8", 7922, "Comcast", NetworkKind.OTHER, false, ""),
            new Network("10.20.0.1", 0, "", NetworkKind.OTHER, false, ""),
            new Network("10.99.0.1", 0, "", NetworkKind.OTHER, false, "")};
    private static final UserAgents.Client[] CLIENTS = {
            UserAgents.client(SessionReplayDetectionTest.CHROME_WIN),
            UserAgents.client(SessionReplayDetectionTest.FIREFOX_LINUX),
            UserAgents.client("python-requests/2.31"),
            UserAgents.client(SessionReplayDetectionTest.CHROME_WIN, new Device("dev-1", "laptop", "Windows 10", "Chrome 132", "", false, false)),
            UserAgents.client("")};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void findsTheSameEarlierUseAsTheRuleThatLookedTheClientsUpFirst(long seed) {
        Random random = new Random(seed);
        int replays = 0;
        for (int round = 0; round < 300; round++) {
            List<SessionReplayUse> session = new ArrayList<>();
            int size = 1 + random.nextInt(12);
            for (int i = 0; i < size; i++) {
                Timed.insert(session, use(random.nextInt(150) * 30_000L, i, random), SessionUses.CAP, Timed.Cap.REFUSE_BEYOND);
            }
            for (SessionReplayUse later : session) {
                SessionReplayUse got = RULE.replayedFrom(later, session);
                assertThat(got).isSameAs(clientsFirst(later, session));
                if (got != null) replays++;
            }
        }
        assertThat(replays).as("replays found").isPositive();
    }

    private static SessionReplayUse use(long time, int line, Random random) {
        boolean signIn = random.nextInt(5) > 0;
        return new SessionReplayUse(time, new RecordRef("signins.json", line + 1, 0, "", RecordIdKind.NONE),
                signIn ? EventKind.SIGN_IN : EventKind.OFFICE_ACTIVITY, "s", LogId.NONE, signIn && random.nextInt(3) == 0, signIn,
                NETWORKS[random.nextInt(NETWORKS.length)], "", CLIENTS[random.nextInt(CLIENTS.length)], "Office 365",
                random.nextInt(6) > 0, false);
    }

    /** The rule as it was written first: every use's usability from the interactive clients, then the pairs. */
    private static SessionReplayUse clientsFirst(SessionReplayUse later, List<SessionReplayUse> session) {
        Map<String, List<UserAgents.Client>> interactive = SessionReplayRule.interactiveClients(session, later.time());
        if (!SessionReplayRule.usable(later, interactive)) return null;
        for (SessionReplayUse earlier : session) {
            if (Timed.ORDER.compare(earlier, later) >= 0) break;
            long delay = later.time() - earlier.time();
            if (delay < 1000 || delay > 3_600_000 || !SessionReplayRule.usable(earlier, interactive)) continue;
            if (SignInSignals.differentNetworks(earlier.network(), later.network()) && earlier.client().differs(later.client())) {
                return earlier;
            }
        }
        return null;
    }
}
