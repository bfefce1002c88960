package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.events.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §4.1: within the allowed lateness the same events give the same alerts whatever their order, file order or shard count. */
class LocalEngineOrderIndependenceTest {
    static final Duration LATENESS = Duration.ofHours(24);
    static final long SCENARIO_SEED = 20250304;

    static List<Event> events;
    static List<Alert> ordered;

    @BeforeAll
    static void orderedSingleShardRun() {
        events = EngineScenarios.tenant(SCENARIO_SEED, 30, 6);
        EngineResult r = Feeding.inOrder(events, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, 1));
        ordered = r.alerts();
        assertThat(r.stats().lateEvents()).isZero();
    }

    @Test
    void theScenarioExercisesManyDetectionsAndUsers() {
        // the comparisons below only mean something if there is plenty to compare
        assertThat(ordered).hasSizeGreaterThanOrEqualTo(15);
        assertThat(ordered.stream().map(Alert::detectionId).distinct()).hasSize(7);
        assertThat(ordered.stream().map(Alert::user).distinct()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(events).hasSizeGreaterThan(500);
    }

    @Test
    void alertsComeInStartUserDetectionOrder() {
        assertThat(ordered).isSortedAccordingTo(AlertOrder.DETERMINISTIC);
    }

    static Stream<Arguments> seedsAndShards() {
        List<Arguments> args = new ArrayList<>();
        for (long seed : new long[]{1, 7, 42, 1234, 99991}) {
            for (int shards : new int[]{1, 2, 4}) args.add(Arguments.of(seed, shards));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1} shards")
    @MethodSource("seedsAndShards")
    void delayedArrivalWithinTheLatenessGivesTheSameAlerts(long seed, int shards) {
        List<Event> arriving = Feeding.delayed(events, new Random(seed), Duration.ofHours(20));
        assertThat(arriving).isNotEqualTo(events);

        EngineResult r = Feeding.inOrder(arriving, EngineScenarios.allDetections(),
                EngineSettings.of(LATENESS, shards).withBatchSize(16));

        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.alerts()).isEqualTo(ordered);
    }

    @ParameterizedTest(name = "seed {0}, {1} shards")
    @MethodSource("seedsAndShards")
    void severalFilesReadAtOnceGiveTheSameAlerts(long seed, int shards) throws Exception {
        EngineResult r = Feeding.fromFiles(events, seed, 3, Duration.ofHours(12), Duration.ofHours(6),
                EngineScenarios.allDetections(), EngineSettings.of(LATENESS, shards).withBatchSize(16));

        assertThat(r.stats().events()).isEqualTo(events.size());
        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.alerts()).isEqualTo(ordered);
    }

    @ParameterizedTest(name = "seed {0}, {1} shards")
    @MethodSource("seedsAndShards")
    void anyOrderAtAllGivesTheSameAlertsWhenTheLatenessCoversTheWholeInput(long seed, int shards) {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));

        EngineResult r = Feeding.inOrder(shuffled, EngineScenarios.allDetections(),
                EngineSettings.of(Duration.ofDays(30), shards));

        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.alerts()).isEqualTo(ordered);
        // spelt out: what a responder cites and an incident store keys on is the alert's id
        assertThat(r.alerts()).extracting(Alert::id).containsExactlyElementsOf(ordered.stream().map(Alert::id).toList());
    }

    @Test
    void everyAlertHasItsOwnIdFromTenantDetectionUserAndAnchoringRecord() {
        assertThat(ordered).extracting(Alert::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("al-[0-9a-f]{12}"));
    }
}
