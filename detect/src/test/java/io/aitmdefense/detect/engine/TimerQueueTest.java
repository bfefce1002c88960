package io.aitmdefense.detect.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primitive heap against the order it documents, on seeded random timers with many ties. */
class TimerQueueTest {
    private record Timer(Instant time, String key, Integer owner, int what) {
    }

    /** Time, then key, then the detection's number. */
    private static final Comparator<Timer> DOCUMENTED = Comparator.comparing(Timer::time).thenComparing(Timer::key)
            .thenComparingInt(Timer::what);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void timersComeOutInTheDocumentedOrderWhateverTheOrderTheyWentIn(long seed) {
        Random random = new Random(seed);
        TimerQueue<Integer> queue = new TimerQueue<>();
        List<Timer> model = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = random.nextInt(60); i > 0; i--) { // past the first 64 slots: the arrays grow
                Timer t = new Timer(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(5), random.nextInt(3) * 1_000),
                        "user" + random.nextInt(4), random.nextInt(100), random.nextInt(7));
                queue.add(t.time(), t.key(), t.owner(), t.what());
                model.add(t);
            }
            model.sort(DOCUMENTED);
            Instant cut = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(6));
            while (!model.isEmpty() && !model.get(0).time().isAfter(cut)) {
                assertTrue(queue.dueBy(cut));
                queue.poll();
                Timer expected = model.remove(0);
                assertEquals(expected.time(), queue.time());
                assertEquals(expected.key(), queue.key());
                assertEquals(expected.what(), queue.what());
                boolean repeat = !model.isEmpty() && DOCUMENTED.compare(model.get(0), expected) == 0;
                assertEquals(repeat, queue.headRepeatsPolled(), "the same timer queued again is told");
            }
            assertFalse(queue.dueBy(cut));
            assertEquals(model.size(), queue.size());
            int[] visited = {0};
            queue.forEach((time, key, owner, what) -> visited[0]++);
            assertEquals(model.size(), visited[0]);
        }
        while (!queue.isEmpty()) {
            queue.poll();
            assertEquals(model.remove(0).key(), queue.key());
        }
        assertTrue(model.isEmpty());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void timersAddedWhileTimersComeOutTakeTheirPlaceAsInOneSortedQueue(long seed) {
        Random random = new Random(seed);
        TimerQueue<Integer> queue = new TimerQueue<>();
        List<Timer> model = new ArrayList<>(); // sorted; an equal timer goes after those already queued
        long now = 1_700_000_000L;
        for (int step = 0; step < 5_000; step++) {
            // as a detection's timer registers more: at its own instant, a little later or, rarely, already past
            for (int i = random.nextInt(3); i > 0; i--) {
                long second = now + (random.nextInt(10) == 0 ? -random.nextInt(3) : random.nextInt(4));
                Timer t = new Timer(Instant.ofEpochSecond(second), "user" + random.nextInt(6), random.nextInt(100), random.nextInt(4));
                queue.add(t.time(), t.key(), t.owner(), t.what());
                int at = 0;
                while (at < model.size() && DOCUMENTED.compare(model.get(at), t) <= 0) at++;
                model.add(at, t);
            }
            if (model.isEmpty() || random.nextInt(4) == 0) continue;
            queue.poll();
            Timer expected = model.remove(0);
            assertEquals(expected.time(), queue.time());
            assertEquals(expected.key(), queue.key());
            assertEquals(expected.what(), queue.what());
            assertEquals(expected.owner(), queue.owner());
            boolean repeat = !model.isEmpty() && DOCUMENTED.compare(model.get(0), expected) == 0;
            assertEquals(repeat, queue.headRepeatsPolled());
            assertEquals(model.size(), queue.size());
            now = expected.time().getEpochSecond();
        }
    }
}
