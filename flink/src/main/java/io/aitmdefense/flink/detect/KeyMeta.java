package io.aitmdefense.flink.detect;

import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.flink.wire.Codec;
import io.aitmdefense.model.AlertCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the job keeps per user beside the detections' own state: the tenant and display name (timers have no event to
 * take them from), when each state slot was last updated (its event-time expiry is that plus the descriptor's TTL), and
 * the detections' pending timers at full precision (Flink's timers are milliseconds, one per key and instant).
 * Mutable: it lives in one Flink {@code ValueState} and is written back after each event or timer.
 */
public final class KeyMeta {
    public static final Codec<KeyMeta> CODEC = new MetaCodec();

    /** A detection's timer: fires {@code Detection.onTimer} of the detection named {@code owner}. */
    record Pending(Instant time, String owner) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = time.compareTo(o.time);
            return c != 0 ? c : owner.compareTo(o.owner);
        }
    }

    String tenant;
    String user;
    /** Slot id ({@code owner/name}; owner "" for shared state) → its last update in event time. */
    final Map<String, Instant> updated = new TreeMap<>();
    final TreeSet<Pending> timers = new TreeSet<>();

    KeyMeta(String tenant, String user) {
        this.tenant = tenant;
        this.user = user;
    }

    boolean empty() {
        return updated.isEmpty() && timers.isEmpty();
    }

    private static final class MetaCodec implements Codec<KeyMeta> {
        @Override
        public String name() {
            return "key-meta";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(KeyMeta m, DataOutput out) throws IOException {
            StateIo.str(m.tenant, out);
            StateIo.str(m.user, out);
            StateIo.varInt(m.updated.size(), out);
            for (Map.Entry<String, Instant> e : m.updated.entrySet()) {
                StateIo.str(e.getKey(), out);
                AlertCodec.writeTime(e.getValue(), out);
            }
            StateIo.varInt(m.timers.size(), out);
            for (Pending p : m.timers) {
                AlertCodec.writeTime(p.time, out);
                StateIo.str(p.owner, out);
            }
        }

        @Override
        public KeyMeta read(DataInput in, int version) throws IOException {
            KeyMeta m = new KeyMeta(StateIo.str(in), StateIo.str(in));
            for (int n = StateIo.varInt(in); n > 0; n--) m.updated.put(StateIo.str(in), AlertCodec.readTime(in));
            for (int n = StateIo.varInt(in); n > 0; n--) m.timers.add(new Pending(AlertCodec.readTime(in), StateIo.str(in)));
            return m;
        }

        @Override
        public boolean immutable() {
            return false;
        }
    }
}
