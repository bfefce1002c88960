package io.aitmdefense.detect.engine;

import io.aitmdefense.events.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §4.1: memory grows with the users active in the largest window, never with the input's size. */
class LocalEngineBoundedStateTest {
    static final Duration LATENESS = Duration.ofHours(24);
    static final int USERS_PER_WEEK = 40;
    /** State of the default detections, per user: at most this many values (seven detections, nine descriptors). */
    static final int STATES_PER_USER = 9;

    /**
     * The most distinct users with an event inside any span of the given length: what the engine may have to hold
     * when state lives that long after a user's last event.
     */
    static int mostUsersActiveWithin(List<Event> ordered, Duration span) {
        Deque<Event> window = new ArrayDeque<>();
        Map<String, Integer> inWindow = new HashMap<>();
        int most = 0;
        for (Event e : ordered) {
            window.addLast(e);
            inWindow.merge(e.user(), 1, Integer::sum);
            Instant from = e.time().minus(span);
            while (window.getFirst().time().isBefore(from)) {
                Event gone = window.removeFirst();
                inWindow.computeIfPresent(gone.user(), (u, n) -> n == 1 ? null : n - 1);
            }
            most = Math.max(most, inWindow.size());
        }
        return most;
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 3})
    void liveStateFollowsTheUsersActiveInTheLargestWindowNotTheInputSize(int shards) {
        List<Event> events = EngineScenarios.rotatingUsers(8, 30, USERS_PER_WEEK);
        long distinctUsers = events.stream().map(Event::user).distinct().count();
        // state outlives a user's last event by the largest window, plus the lateness, plus an hour between sweeps;
        // the engine reports the sum of each shard's own peak, so the bound is the sum of each shard's active users
        Duration lifetime = EngineScenarios.LARGEST_WINDOW.plus(LATENESS).plus(Duration.ofHours(2));
        int bound = 0;
        for (int s = 0; s < shards; s++) {
            int shard = s;
            bound += mostUsersActiveWithin(events.stream()
                    .filter(e -> LocalEngine.shardOf(e.user(), shards) == shard).toList(), lifetime);
        }

        EngineResult r = Feeding.inOrder(events, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, shards));

        assertThat(distinctUsers).isEqualTo(30L * USERS_PER_WEEK);
        assertThat(bound).isLessThan((int) distinctUsers / 4);
        assertThat(r.stats().peakLiveKeys()).isPositive().isLessThanOrEqualTo(bound);
        assertThat(r.stats().peakStateEntries()).isPositive().isLessThanOrEqualTo((long) bound * STATES_PER_USER);
    }

    @Test
    void aStreamFiveTimesLongerNeedsNoMoreState() {
        EngineResult shortRun = Feeding.inOrder(EngineScenarios.rotatingUsers(8, 10, USERS_PER_WEEK),
                EngineScenarios.allDetections(), EngineSettings.of(LATENESS, 2));
        EngineResult longRun = Feeding.inOrder(EngineScenarios.rotatingUsers(8, 50, USERS_PER_WEEK),
                EngineScenarios.allDetections(), EngineSettings.of(LATENESS, 2));

        assertThat(longRun.stats().events()).isGreaterThan(4 * shortRun.stats().events());
        // the same weekly population: within a few users of each other, nowhere near five times as many
        assertThat(longRun.stats().peakLiveKeys()).isLessThanOrEqualTo(shortRun.stats().peakLiveKeys() + USERS_PER_WEEK / 4);
        assertThat(longRun.stats().peakStateEntries())
                .isLessThanOrEqualTo(shortRun.stats().peakStateEntries() + (long) USERS_PER_WEEK * STATES_PER_USER / 4);
    }
}
