package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeOrderedBatchTest {
    static final Duration LATENESS = Duration.ofHours(24);

    static List<Event> events;
    static List<Alert> ascending;

    @TempDir
    Path temp;

    @BeforeAll
    static void ascendingRun() {
        events = EngineScenarios.tenant(20250304, 30, 6);
        EngineResult r = Feeding.inOrder(events, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, 2));
        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.alerts()).hasSizeGreaterThanOrEqualTo(15);
        ascending = r.alerts();
    }

    @Test
    void newestFirstInputFedStraightToTheEngineLosesEventsAsLate() {
        // the problem the batch solves: without it a descending export is mostly dropped
        List<Event> descending = new ArrayList<>(events);
        Collections.reverse(descending);

        EngineResult r = Feeding.inOrder(descending, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, 2));

        assertThat(r.stats().lateEvents()).isGreaterThan(events.size() / 2);
        assertThat(r.alerts()).isNotEqualTo(ascending);
    }

    @Test
    void newestFirstInputThroughTheBatchGivesTheAscendingAlertsWithNothingLate() throws IOException {
        List<Event> descending = new ArrayList<>(events);
        Collections.reverse(descending);

        EngineResult r = throughBatch(descending, settings(BatchSettings.DEFAULT_MEMORY_BUDGET), 2);

        assertThat(r.stats().lateEvents()).isZero();
        assertThat(r.stats().events()).isEqualTo(events.size());
        assertThat(r.alerts()).isEqualTo(ascending);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void filesReadOneAfterAnotherFromSeveralThreadsReplayInTimeOrder(long seed) throws Exception {
        List<List<Event>> files = splitIntoDescendingFiles(events, seed, 4);
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(BatchSettings.DEFAULT_MEMORY_BUDGET))) {
            feedConcurrently(files, batch);
            List<Event> out = new ArrayList<>();
            batch.replayInto(out::add, Progress.NONE);

            assertThat(out).isSortedAccordingTo(Comparator.comparing(Event::time));
            assertThat(out).containsExactlyInAnyOrderElementsOf(events);
            assertThat(out).isEqualTo(replayOf(events, settings(BatchSettings.DEFAULT_MEMORY_BUDGET)));
        }
    }

    @Test
    void eventsAtTheSameInstantComeOutInSourceOrderWhateverTheArrivalOrder() throws IOException {
        Instant t = Instant.parse("2025-03-04T10:00:00Z");
        Event b2 = SampleEvents.signIn().at(t).source(new Source("b.csv", 2)).build();
        Event a9 = SampleEvents.signIn().at(t).source(new Source("a.csv", 9)).build();
        Event b1 = SampleEvents.signIn().at(t).source(new Source("b.csv", 1)).build();
        // same source line (records of a one-line JSON array): the encoded bytes decide
        Event b1other = SampleEvents.signIn().at(t).source(new Source("b.csv", 1)).ip("198.51.100.7").build();

        List<Event> one = replayOf(List.of(b2, a9, b1, b1other), settings(1 << 20));
        List<Event> other = replayOf(List.of(b1other, b1, a9, b2), settings(1 << 20));

        assertThat(one).isEqualTo(other);
        assertThat(one.get(0)).isEqualTo(a9);
        assertThat(one.subList(1, 3)).containsExactlyInAnyOrder(b1, b1other);
        assertThat(one.get(3)).isEqualTo(b2);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aLargeBucketOfTiesReplaysInTimeThenSourceOrderWhetherShuffledOrAlreadyInOrder(long seed) throws IOException {
        // thousands of events in one bucket, a few instants, three files: the merge sort's runs and ties all matter
        Random random = new Random(seed);
        Instant t = Instant.parse("2025-03-04T10:00:00Z");
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            all.add(SampleEvents.signIn().at(t.plusMillis(random.nextInt(5) * 250L))
                    .source(new Source("file-" + random.nextInt(3) + ".json", 1 + random.nextInt(400)))
                    .ip("198.51.100." + random.nextInt(4)).build());
        }
        Comparator<Event> order = Comparator.comparing(Event::time).thenComparing(e -> e.source().file())
                .thenComparingLong(e -> e.source().line()).thenComparingInt(e -> e.source().index());
        List<Event> sorted = new ArrayList<>(all);
        sorted.sort(order);
        List<Event> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, random);

        List<Event> fromShuffled = replayOf(shuffled, settings(1 << 24));
        List<Event> fromSorted = replayOf(sorted, settings(1 << 24));

        assertThat(fromShuffled).isEqualTo(fromSorted).hasSize(3000);
        for (int i = 1; i < fromShuffled.size(); i++) {
            assertThat(order.compare(fromShuffled.get(i - 1), fromShuffled.get(i))).as("event %d", i).isLessThanOrEqualTo(0);
        }
    }

    @ParameterizedTest(name = "budget {0} bytes")
    @ValueSource(longs = {0, 1024, 64 << 10})
    void spillingToDiskGivesTheSameEventsAndAlertsAsMemory(long budget) throws Exception {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(budget));

        List<Event> inMemory = replayOf(shuffled, settings(BatchSettings.DEFAULT_MEMORY_BUDGET));
        BatchStats stats;
        List<Event> spilled = new ArrayList<>();
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(budget))) {
            shuffled.forEach(batch::accept);
            batch.replayInto(spilled::add, Progress.NONE);
            stats = batch.stats();
        }

        assertThat(stats.spilledBytes()).isGreaterThan(stats.encodedBytes() / 2);
        assertThat(stats.peakMemoryBytes()).isLessThanOrEqualTo(budget);
        assertThat(spilled).isEqualTo(inMemory);
        assertThat(throughBatch(shuffled, settings(budget), 2).alerts()).isEqualTo(ascending);
    }

    @Test
    void memoryHeldNeverExceedsTheBudgetWhileReading() {
        long budget = 32 << 10;
        long seen = 0;
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(budget))) {
            for (Event e : events) {
                batch.accept(e);
                seen = Math.max(seen, batch.memoryBytes());
                assertThat(batch.memoryBytes()).isLessThanOrEqualTo(budget);
            }
            BatchStats stats = batch.stats();
            assertThat(stats.encodedBytes()).isGreaterThan(4 * budget);
            assertThat(stats.spills()).isGreaterThan(1);
            assertThat(stats.peakMemoryBytes()).isEqualTo(seen).isLessThanOrEqualTo(budget);
            assertThat(stats.events()).isEqualTo(events.size());
        }
    }

    @Test
    void temporaryFilesAreRemovedAfterAReplay() throws IOException {
        Path dir;
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(1024))) {
            events.forEach(batch::accept);
            dir = batch.tempDir().orElseThrow();
            assertThat(dir).isDirectory();
            assertThat(filesUnder(temp)).isNotEmpty();
            batch.replayInto(e -> { }, Progress.NONE);
        }
        assertThat(dir).doesNotExist();
        assertThat(filesUnder(temp)).isEmpty();
    }

    @Test
    void temporaryFilesAreRemovedWhenTheReplayFails() throws IOException {
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(1024))) {
            events.forEach(batch::accept);
            assertThatThrownBy(() -> batch.replayInto(e -> {
                throw new IllegalStateException("engine broke");
            }, Progress.NONE)).hasMessage("engine broke");
        }
        assertThat(filesUnder(temp)).isEmpty();
    }

    @Test
    void theReplayReportsProgressUpToAllEncodedBytes() throws IOException {
        List<long[]> updates = new ArrayList<>();
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(1 << 20))) {
            events.forEach(batch::accept);
            batch.replayInto(e -> { }, (file, done, total) -> updates.add(new long[]{done, total}));
            long total = batch.stats().encodedBytes();
            assertThat(updates).hasSizeGreaterThan(1);
            assertThat(updates.get(updates.size() - 1)).containsExactly(total, total);
        }
    }

    @Test
    void noEventsAreTakenAfterTheReplay() throws IOException {
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings(1024))) {
            batch.accept(events.get(0));
            batch.replayInto(e -> { }, Progress.NONE);
            assertThatThrownBy(() -> batch.accept(events.get(1))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> batch.replayInto(e -> { }, Progress.NONE)).isInstanceOf(IllegalStateException.class);
        }
    }

    private BatchSettings settings(long budget) {
        return BatchSettings.defaults().withMemoryBudget(budget).withTempParent(temp);
    }

    private static EngineResult throughBatch(List<Event> input, BatchSettings settings, int shards) throws IOException {
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings);
             LocalEngine engine = LocalEngine.start(EngineScenarios.allDetections(), EngineScenarios.enrichment(),
                     EngineSettings.of(LATENESS, shards))) {
            input.forEach(batch::accept);
            batch.replayInto(engine, Progress.NONE);
            return engine.finish();
        }
    }

    private static List<Event> replayOf(List<Event> input, BatchSettings settings) throws IOException {
        List<Event> out = new ArrayList<>();
        try (TimeOrderedBatch batch = new TimeOrderedBatch(settings)) {
            input.forEach(batch::accept);
            batch.replayInto(out::add, Progress.NONE);
        }
        return out;
    }

    /** Random files, each sorted newest first like a Graph page or a portal export. */
    private static List<List<Event>> splitIntoDescendingFiles(List<Event> all, long seed, int n) {
        Random random = new Random(seed);
        List<List<Event>> files = new ArrayList<>();
        for (int i = 0; i < n; i++) files.add(new ArrayList<>());
        for (Event e : all) files.get(random.nextInt(n)).add(e);
        for (List<Event> f : files) f.sort(Comparator.comparing(Event::time).reversed());
        return files;
    }

    private static void feedConcurrently(List<List<Event>> files, TimeOrderedBatch batch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(files.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<Event> f : files) running.add(pool.submit(() -> f.forEach(batch::accept)));
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdown();
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).toList();
        }
    }
}
