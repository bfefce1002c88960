package io.aitmdefense.detect.engine;

import java.time.Instant;
import java.util.Arrays;

/**
 * The pending detection timers of one {@link KeyedRuntime}: a binary min-heap over parallel primitive arrays, one slot
 * per timer and no object. Timers come out by time, then key, then {@code what} (the detection's number). A
 * {@code TreeSet} of timer records held three objects per timer and cost an eighth of the shards' time in comparisons
 * and rebalancing.
 * <p>
 * Equal timers may be queued more than once: they come out one after another ({@link #headRepeatsPolled}).
 *
 * @param <K> what a timer's key belongs to (the runtime's per-key state)
 */
final class TimerQueue<K> {
    private long[] seconds = new long[64];
    private int[] nanos = new int[64];
    private String[] keys = new String[64];
    private Object[] owners = new Object[64];
    private int[] whats = new int[64];
    private int size;

    // the timer last polled
    private long polledSecond;
    private int polledNano;
    private String polledKey;
    private Object polledOwner;
    private int polledWhat;

    /** Receives one queued timer. */
    interface Visitor<K> {
        void visit(Instant time, String key, K owner, int what);
    }

    void add(Instant time, String key, K owner, int what) {
        if (size == seconds.length) grow();
        int i = size++;
        seconds[i] = time.getEpochSecond();
        nanos[i] = time.getNano();
        keys[i] = key;
        owners[i] = owner;
        whats[i] = what;
        up(i);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Whether the earliest timer is at or before {@code t}; false when none is queued. */
    boolean dueBy(Instant t) {
        if (size == 0) return false;
        long s = t.getEpochSecond();
        return seconds[0] < s || seconds[0] == s && nanos[0] <= t.getNano();
    }

    /** Takes the earliest timer; read it with {@link #time}, {@link #key}, {@link #owner}, {@link #what}. */
    void poll() {
        polledSecond = seconds[0];
        polledNano = nanos[0];
        polledKey = keys[0];
        polledOwner = owners[0];
        polledWhat = whats[0];
        size--;
        if (size > 0) {
            move(size, 0);
            down(0);
        }
        keys[size] = null;
        owners[size] = null;
    }

    Instant time() {
        return Instant.ofEpochSecond(polledSecond, polledNano);
    }

    String key() {
        return polledKey;
    }

    @SuppressWarnings("unchecked")
    K owner() {
        return (K) polledOwner;
    }

    int what() {
        return polledWhat;
    }

    /** Whether the earliest timer queued equals the one last polled: the same timer queued again. */
    boolean headRepeatsPolled() {
        return size > 0 && seconds[0] == polledSecond && nanos[0] == polledNano && whats[0] == polledWhat
                && keys[0].equals(polledKey);
    }

    /** Every queued timer, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Visitor<K> visitor) {
        for (int i = 0; i < size; i++) visitor.visit(Instant.ofEpochSecond(seconds[i], nanos[i]), keys[i], (K) owners[i], whats[i]);
    }

    private boolean before(int a, int b) {
        if (seconds[a] != seconds[b]) return seconds[a] < seconds[b];
        if (nanos[a] != nanos[b]) return nanos[a] < nanos[b];
        if (keys[a] != keys[b]) {
            int c = keys[a].compareTo(keys[b]);
            if (c != 0) return c < 0;
        }
        return whats[a] < whats[b];
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(i, parent)) return;
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) return;
            int child = left + 1 < size && before(left + 1, left) ? left + 1 : left;
            if (!before(child, i)) return;
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        long s = seconds[a];
        seconds[a] = seconds[b];
        seconds[b] = s;
        int n = nanos[a];
        nanos[a] = nanos[b];
        nanos[b] = n;
        String k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        Object o = owners[a];
        owners[a] = owners[b];
        owners[b] = o;
        int w = whats[a];
        whats[a] = whats[b];
        whats[b] = w;
    }

    private void move(int from, int to) {
        seconds[to] = seconds[from];
        nanos[to] = nanos[from];
        keys[to] = keys[from];
        owners[to] = owners[from];
        whats[to] = whats[from];
    }

    private void grow() {
        int n = seconds.length * 2;
        seconds = Arrays.copyOf(seconds, n);
        nanos = Arrays.copyOf(nanos, n);
        keys = Arrays.copyOf(keys, n);
        owners = Arrays.copyOf(owners, n);
        whats = Arrays.copyOf(whats, n);
    }
}
