package io.aitmdefense.detect.detections;

import io.aitmdefense.events.Source;
import io.aitmdefense.model.RecordRef;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * What a detection keeps of one log row in a user's state: its time (epoch ms) and where it came from. Detections
 * keep such rows in lists sorted by {@link #ORDER} — time, then file, line and index, a total order over the rows of a run —
 * so that arrival order never shows in a result, and a row read twice is one row.
 */
interface Timed {
    /** Time, then source file, line and index in the line (a single-line Event Hubs file holds many records). */
    Comparator<Timed> ORDER = (a, b) -> order(a.time(), a.source().file(), a.source().line(), a.source().index(), b);

    /**
     * {@link #ORDER} between a row not (yet) made into a {@code Timed}, given by its time and source, and {@code kept}:
     * a detection that keeps few of the rows it sees compares first and builds only what it keeps.
     */
    static int compare(long time, Source source, Timed kept) {
        return order(time, source.file(), source.line(), source.index(), kept);
    }

    private static int order(long time, String file, long line, int index, Timed b) {
        int c = Long.compare(time, b.time());
        if (c != 0) return c;
        String fb = b.source().file();
        if (file != fb && (c = file.compareTo(fb)) != 0) return c;
        if ((c = Long.compare(line, b.source().line())) != 0) return c;
        return Integer.compare(index, b.source().index());
    }

    long time();

    RecordRef source();

    default Instant instant() {
        return Instant.ofEpochMilli(time());
    }

    /** What a full list gives up for a newcomer. */
    enum Cap {
        /** the oldest row: a stream moves forward, and the watermark trims the oldest anyway */
        DROP_OLDEST,
        /** the latest row: what is already waiting to be judged keeps its place */
        DROP_LATEST,
        /** nothing: a row that would land beyond the cap is not taken (then, and only then, arrival order can matter) */
        REFUSE_BEYOND
    }

    /**
     * Puts {@code row} into {@code rows} (sorted by {@link #ORDER}), keeping at most {@code cap} rows as {@code policy}
     * says. Returns false when nothing changed: the same row was already there, or a {@link Cap#REFUSE_BEYOND} list
     * had no room for it.
     */
    static <T extends Timed> boolean insert(List<T> rows, T row, int cap, Cap policy) {
        int size = rows.size();
        // replayed in time order, a row almost always comes last
        int i = size == 0 || ORDER.compare(rows.get(size - 1), row) < 0 ? -size - 1 : Collections.binarySearch(rows, row, ORDER);
        if (i >= 0) return false;
        int at = -i - 1;
        if (policy == Cap.REFUSE_BEYOND && size >= cap && at >= cap) return false;
        rows.add(at, row);
        if (rows.size() > cap) rows.remove(policy == Cap.DROP_OLDEST ? 0 : rows.size() - 1);
        return true;
    }

    /** The index of the first row after {@code time} (epoch ms) in {@code rows}, sorted by time. */
    static int firstAfter(List<? extends Timed> rows, long time) {
        return firstAfter(rows.size(), i -> rows.get(i).time(), time);
    }

    /** The index of the first of {@code n} times in ascending order, the i-th {@code timeAt(i)}, after {@code time}. */
    static int firstAfter(int n, IntToLongFunction timeAt, long time) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeAt.applyAsLong(mid) <= time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The first whole minute after {@code time}: one timer per user and minute, however many rows ask for it. */
    static Instant minuteAfter(Instant time) {
        return time.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
    }
}
