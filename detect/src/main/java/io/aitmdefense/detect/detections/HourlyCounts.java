package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.StateIo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A count per hour index (epoch ms / 1 h), for a user's baseline over days of history: two sorted primitive arrays.
 * Every mail-reading user keeps up to two weeks of hours; as a tree map of boxed longs that was 100 bytes an hour.
 */
final class HourlyCounts {
    private long[] hours = new long[4];
    private long[] counts = new long[4];
    private int size;

    /** Adds {@code n} to the count of {@code hour}. */
    void add(long hour, long n) {
        int i = size - 1;
        // reads come mostly in time order: the newest hour first, then the insertion point backwards
        while (i >= 0 && hours[i] > hour) i--;
        if (i >= 0 && hours[i] == hour) {
            counts[i] += n;
            return;
        }
        if (size == hours.length) {
            hours = Arrays.copyOf(hours, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(hours, i + 1, hours, i + 2, size - i - 1);
        System.arraycopy(counts, i + 1, counts, i + 2, size - i - 1);
        hours[i + 1] = hour;
        counts[i + 1] = n;
        size++;
    }

    /** The sum of the counts of the hours in [{@code from}, {@code to}). */
    long sum(long from, long to) {
        long sum = 0;
        for (int i = 0; i < size && hours[i] < to; i++) if (hours[i] >= from) sum += counts[i];
        return sum;
    }

    /** How many hours in [{@code from}, {@code to}) have a count. */
    int hours(long from, long to) {
        int n = 0;
        for (int i = 0; i < size && hours[i] < to; i++) if (hours[i] >= from) n++;
        return n;
    }

    /** Forgets the hours before {@code hour}. */
    void forgetBefore(long hour) {
        int drop = 0;
        while (drop < size && hours[drop] < hour) drop++;
        if (drop == 0) return;
        System.arraycopy(hours, drop, hours, 0, size - drop);
        System.arraycopy(counts, drop, counts, 0, size - drop);
        size -= drop;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Writes the (hour, count) pairs in hour order, as {@link StateIo#longMap} lays out a map. */
    void write(DataOutput out) throws IOException {
        StateIo.varInt(size, out);
        for (int i = 0; i < size; i++) {
            StateIo.varLong(hours[i], out);
            StateIo.varLong(counts[i], out);
        }
    }

    /** Reads what {@link #write} wrote into these (empty) counts. */
    void read(DataInput in) throws IOException {
        for (int n = StateIo.varInt(in); n > 0; n--) {
            long hour = StateIo.varLong(in);
            add(hour, StateIo.varLong(in));
        }
    }
}
