package io.aitmdefense.detect.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The pending detection timers of one {@link KeyedRuntime}. Timers come out by time, then key, then {@code what} (the
 * detection's number); equal timers queued more than once come out one after another ({@link #headRepeatsPolled}).
 * <p>
 * Detections register their timers on the minute, so thousands of timers share an instant: they are held in one
 * group per instant, unordered, and a group is sorted by key and {@code what} once, when its instant comes first. A
 * min-heap orders only the instants. A heap of every timer cost two dozen comparisons (times, then the keys of equal
 * times) for each timer that came out, a tenth of the shards' time. A timer added to the group being taken out is
 * put in its place among the rest, so the order is the one a heap of every timer gives.
 *
 * @param <K> what a timer's key belongs to (the runtime's per-key state)
 */
final class TimerQueue<K> {
    /** Receives one queued timer. */
    interface Visitor<K> {
        void visit(Instant time, String key, K owner, int what);
    }

    /** Groups by instant, in a binary min-heap of their instants. */
    private Group[] heap = new Group[16];
    private int groups;
    private final Map<Instant, Group> byTime = new HashMap<>();
    /** The group added to last: a detection registers the same instant for many events in a row. */
    private Group recent;
    private int size;

    // the timer last polled
    private Instant polledTime;
    private String polledKey;
    private Object polledOwner;
    private int polledWhat;

    void add(Instant time, String key, K owner, int what) {
        Group g = recent;
        if (g == null || g.done || !g.time.equals(time)) {
            g = byTime.get(time);
            if (g == null) {
                g = new Group(time);
                byTime.put(time, g);
                push(g);
            }
            recent = g;
        }
        g.add(key, owner, what);
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Whether the earliest timer is at or before {@code t}; false when none is queued. */
    boolean dueBy(Instant t) {
        return groups > 0 && !heap[0].time.isAfter(t);
    }

    /** Takes the earliest timer; read it with {@link #time}, {@link #key}, {@link #owner}, {@link #what}. */
    void poll() {
        Group g = heap[0];
        g.sort();
        int i = g.next++;
        polledTime = g.time;
        polledKey = g.keys[i];
        polledOwner = g.owners[i];
        polledWhat = g.whats[i];
        g.keys[i] = null;
        g.owners[i] = null;
        size--;
        if (g.next == g.count) {
            g.done = true;
            byTime.remove(g.time);
            popFirst();
        }
    }

    Instant time() {
        return polledTime;
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
        if (groups == 0 || !heap[0].time.equals(polledTime)) return false;
        Group g = heap[0];
        g.sort();
        return g.whats[g.next] == polledWhat && g.keys[g.next].equals(polledKey);
    }

    /** Every queued timer, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Visitor<K> visitor) {
        for (int h = 0; h < groups; h++) {
            Group g = heap[h];
            for (int i = g.next; i < g.count; i++) visitor.visit(g.time, g.keys[i], (K) g.owners[i], g.whats[i]);
        }
    }

    private void push(Group g) {
        if (groups == heap.length) heap = Arrays.copyOf(heap, groups * 2);
        int i = groups++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!g.time.isBefore(heap[parent].time)) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = g;
    }

    private void popFirst() {
        Group last = heap[--groups];
        heap[groups] = null;
        if (groups == 0) return;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= groups) break;
            if (child + 1 < groups && heap[child + 1].time.isBefore(heap[child].time)) child++;
            if (!heap[child].time.isBefore(last.time)) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
    }

    /** The order of two timers of one instant: by key, then {@code what}. */
    private static int compare(String keyA, int whatA, String keyB, int whatB) {
        int c = keyA == keyB ? 0 : keyA.compareTo(keyB);
        return c != 0 ? c : Integer.compare(whatA, whatB);
    }

    /**
     * The timers of one instant over parallel arrays: unordered while the instant is in the future, sorted by key and
     * {@code what} from its first {@link #poll}, then taken out from {@code next} on.
     */
    private static final class Group {
        final Instant time;
        String[] keys = new String[4];
        Object[] owners = new Object[4];
        int[] whats = new int[4];
        int next;
        int count;
        boolean sorted;
        /** All taken out: the instant has left the heap, a later timer at it starts a new group. */
        boolean done;

        Group(Instant time) {
            this.time = time;
        }

        void add(String key, Object owner, int what) {
            if (count == keys.length) {
                int n = count * 2;
                keys = Arrays.copyOf(keys, n);
                owners = Arrays.copyOf(owners, n);
                whats = Arrays.copyOf(whats, n);
            }
            int at = count;
            if (sorted) {
                // after the equal ones and before the first later one, as a heap of every timer would give it out
                while (at > next && compare(key, what, keys[at - 1], whats[at - 1]) < 0) at--;
                System.arraycopy(keys, at, keys, at + 1, count - at);
                System.arraycopy(owners, at, owners, at + 1, count - at);
                System.arraycopy(whats, at, whats, at + 1, count - at);
            }
            keys[at] = key;
            owners[at] = owner;
            whats[at] = what;
            count++;
        }

        /** Sorts the timers not yet taken out, once. */
        void sort() {
            if (sorted) return;
            sorted = true;
            int n = count - next;
            if (n < 2) return;
            Timer[] timers = new Timer[n];
            for (int i = 0; i < n; i++) timers[i] = new Timer(keys[next + i], owners[next + i], whats[next + i]);
            Arrays.sort(timers, (a, b) -> compare(a.key, a.what, b.key, b.what));
            for (int i = 0; i < n; i++) {
                keys[next + i] = timers[i].key;
                owners[next + i] = timers[i].owner;
                whats[next + i] = timers[i].what;
            }
        }

        private record Timer(String key, Object owner, int what) {
        }
    }
}
