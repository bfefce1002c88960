package io.aitmdefense.detect.detections;

import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.RecordIdKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sorted, capped row lists every detection keeps. */
class TimedTest {
    record R(long time, RecordRef source) implements Timed {
    }

    static R r(long time, long line) {
        return new R(time, new RecordRef("a.json", line, 0, "", RecordIdKind.NONE));
    }

    static List<Long> times(List<R> rows) {
        return rows.stream().map(R::time).toList();
    }

    static List<R> full() {
        List<R> rows = new ArrayList<>();
        for (long t = 10; t <= 30; t += 10) Timed.insert(rows, r(t, t), 3, Timed.Cap.DROP_OLDEST);
        return rows;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void anyArrivalOrderGivesTheSameSortedListAndARowReadTwiceIsOneRow(long seed) {
        List<R> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) rows.add(r(i / 3, i % 3));
        List<R> shuffled = new ArrayList<>(rows);
        shuffled.addAll(rows.subList(0, 50));
        Collections.shuffle(shuffled, new Random(seed));

        List<R> kept = new ArrayList<>();
        int taken = 0;
        for (R row : shuffled) if (Timed.insert(kept, row, Integer.MAX_VALUE, Timed.Cap.DROP_LATEST)) taken++;

        assertThat(kept).isEqualTo(rows);
        assertThat(taken).isEqualTo(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void theFirstRowAfterATimeIsTheOneAScanFinds(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<R> rows = new ArrayList<>();
            long t = random.nextInt(5);
            for (int i = random.nextInt(12); i > 0; i--) rows.add(r(t += random.nextInt(3), i)); // ties and gaps
            long asked = random.nextInt((int) t + 3) - 1;
            int scan = 0;
            while (scan < rows.size() && rows.get(scan).time() <= asked) scan++;
            long[] times = rows.stream().mapToLong(R::time).toArray();

            assertThat(Timed.firstAfter(rows, asked)).as("rows %s after %d", times(rows), asked).isEqualTo(scan);
            assertThat(Timed.firstAfter(times.length, i -> times[i], asked)).isEqualTo(scan);
        }
    }

    @Test
    void aFullListGivesUpWhatItsPolicySays() {
        List<R> oldest = full(), latest = full(), refuse = full();

        assertThat(Timed.insert(oldest, r(25, 0), 3, Timed.Cap.DROP_OLDEST)).isTrue();
        assertThat(Timed.insert(latest, r(25, 0), 3, Timed.Cap.DROP_LATEST)).isTrue();
        assertThat(Timed.insert(refuse, r(25, 0), 3, Timed.Cap.REFUSE_BEYOND)).isTrue();
        assertThat(Timed.insert(refuse, r(40, 0), 3, Timed.Cap.REFUSE_BEYOND)).isFalse();

        assertThat(times(oldest)).containsExactly(20L, 25L, 30L);
        assertThat(times(latest)).containsExactly(10L, 20L, 25L);
        assertThat(times(refuse)).containsExactly(10L, 20L, 25L);
    }

    @Test
    void timersFallOnTheNextWholeMinute() {
        assertThat(Timed.minuteAfter(Instant.parse("2025-03-04T09:00:00Z"))).isEqualTo(Instant.parse("2025-03-04T09:01:00Z"));
        assertThat(Timed.minuteAfter(Instant.parse("2025-03-04T09:00:59.999Z"))).isEqualTo(Instant.parse("2025-03-04T09:01:00Z"));
    }

    /** What {@link Timed#ORDER} says, written the plain way. */
    private static final java.util.Comparator<Timed> REFERENCE = java.util.Comparator.comparingLong(Timed::time)
            .thenComparing((Timed t) -> t.source().file()).thenComparingLong(t -> t.source().line())
            .thenComparingInt(t -> t.source().index());

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aRowGivenByTimeAndSourceComparesAsTheKeptRowItWouldBecome(long seed) {
        Random random = new Random(seed);
        String[] files = {"a.json", "b.json", new String("a.json")}; // an equal file name need not be the same string
        for (int k = 0; k < 2000; k++) {
            io.aitmdefense.events.Source source = new io.aitmdefense.events.Source(files[random.nextInt(3)], random.nextInt(3),
                    random.nextInt(3));
            long time = random.nextInt(3);
            R row = new R(time, new RecordRef(source.file(), source.line(), source.index(), "", RecordIdKind.NONE));
            R kept = new R(random.nextInt(3), new RecordRef(files[random.nextInt(3)], random.nextInt(3), random.nextInt(3), "",
                    RecordIdKind.NONE));

            int expected = Integer.signum(REFERENCE.compare(row, kept));
            assertThat(Integer.signum(Timed.compare(time, source, kept))).isEqualTo(expected);
            assertThat(Integer.signum(Timed.ORDER.compare(row, kept))).isEqualTo(expected);
        }
    }
}
