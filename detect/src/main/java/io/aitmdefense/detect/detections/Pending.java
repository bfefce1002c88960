package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;

/**
 * Rows waiting until the watermark has passed their correlation window, then judged exactly once, in time order,
 * against everything around them: the skeleton every correlating detection shares (the row may arrive before or after
 * what it is correlated with; by the time it is judged both are in state). A timer calls {@link #judge} with the
 * latest row time whose window is complete; an alert covering a burst of rows marks them {@link #reported}, so the
 * burst's later rows are not judged again.
 */
final class Pending<T extends Timed> {
    /** Judges one due row; {@code index} is its place in {@link #rows} (a burst reads on from there). */
    @FunctionalInterface
    interface Judge<T> {
        void judge(int index, T row);
    }

    /** The waiting rows in {@link Timed#ORDER}. */
    final ArrayList<T> rows = new ArrayList<>();
    /** Rows at or before this time (epoch ms) have been judged. */
    private long judgedUpTo = Long.MIN_VALUE;
    /** Rows at or before this time belong to an alert already raised. */
    private long reportedUpTo = Long.MIN_VALUE;

    /** Adds a row in time order; false when it was there already or the cap refused it. */
    boolean add(T row, int cap, Timed.Cap policy) {
        return Timed.insert(rows, row, cap, policy);
    }

    /**
     * Calls {@code judge} for every row up to {@code cutoff} not judged or reported before, in time order; afterwards
     * every row up to {@code cutoff} counts as judged.
     */
    void judge(long cutoff, Judge<T> judge) {
        for (int i = 0; i < rows.size(); i++) {
            T row = rows.get(i);
            if (row.time() > cutoff) break;
            if (row.time() <= judgedUpTo || row.time() <= reportedUpTo) continue;
            judge.judge(i, row);
        }
        judgedUpTo = Math.max(judgedUpTo, cutoff);
    }

    /** The alert just raised covers the rows up to {@code upTo}. */
    void reported(long upTo) {
        reportedUpTo = upTo;
    }

    /** Drops rows at or before {@code time}: judged, and no longer needed by later rows. */
    void forgetUpTo(long time) {
        if (!rows.isEmpty() && rows.get(0).time() <= time) rows.removeIf(r -> r.time() <= time);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void write(DataOutput out, StateIo.Writer<T> row) throws IOException {
        StateIo.list(rows, out, row);
        StateIo.varLong(judgedUpTo, out);
        StateIo.varLong(reportedUpTo, out);
    }

    void read(DataInput in, StateIo.Reader<T> row) throws IOException {
        rows.addAll(StateIo.list(in, row));
        judgedUpTo = StateIo.varLong(in);
        reportedUpTo = StateIo.varLong(in);
    }
}
