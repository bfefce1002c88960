package io.aitmdefense.flink.wire;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.flink.detect.IncidentChange;
import io.aitmdefense.flink.detect.KeyMeta;
import io.aitmdefense.flink.detect.KeyedEvent;
import io.aitmdefense.flink.io.Message;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.AlertCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The job's codecs by name: its stream types, its per-user bookkeeping, and every detection's declared state. */
public final class Codecs {
    /** The prefix of a detection state's codec name: {@code state/<detection id or "" for shared>/<state name>}. */
    static final String STATE = "state/";

    public static final Codec<Event> EVENT = new Named<>("event", 1, true, EventCodec::write, (in, v) -> EventCodec.read(in));
    public static final Codec<Alert> ALERT = new Named<>("alert", 1, true, AlertCodec::write, (in, v) -> AlertCodec.read(in));
    public static final Codec<KeyedEvent> KEYED_EVENT = new Named<>("keyed-event", 1, true, Codecs::writeKeyed, Codecs::readKeyed);
    public static final Codec<IncidentChange> INCIDENT_CHANGE = new Named<>("incident-change", 1, true,
            Codecs::writeChange, Codecs::readChange);
    public static final Codec<KeyMeta> KEY_META = KeyMeta.CODEC;
    public static final Codec<Message> MESSAGE = new Named<>("message", 1, true,
            (m, out) -> {
                StateIo.str(m.where(), out);
                StateIo.str(m.value(), out);
            },
            (in, v) -> new Message(StateIo.str(in), StateIo.str(in)));

    private static final List<Codec<?>> FIXED = List.of(EVENT, ALERT, KEYED_EVENT, INCIDENT_CHANGE, KEY_META, MESSAGE);

    private Codecs() {
    }

    /** The codec a checkpoint names. */
    static Codec<?> byName(String name, ClassLoader loader) throws IOException {
        for (Codec<?> c : FIXED) if (c.name().equals(name)) return c;
        if (name.startsWith(STATE)) {
            String rest = name.substring(STATE.length());
            int slash = rest.indexOf('/');
            if (slash >= 0) return state(rest.substring(0, slash), rest.substring(slash + 1));
        }
        throw new IOException("the checkpoint holds values of '" + name + "', which this build does not know");
    }

    /**
     * The codec of one detection's state ({@code owner} = detection id) or of a shared state ({@code owner} ""), looked
     * up in the catalogue: a restore needs the codec before the job's own detections are built.
     */
    public static <T> Codec<T> state(String owner, StateDescriptor<T> descriptor) {
        return new StateCodecOf<>(owner, descriptor.name(), descriptor.codec());
    }

    private static Codec<?> state(String owner, String name) throws IOException {
        for (Detection d : Catalogue.enabled(DetectConfig.defaults())) {
            for (StateDescriptor<?> s : d.states()) {
                if (s.name().equals(name) && (s.shared() ? owner.isEmpty() : owner.equals(d.info().id()))) return state(owner, s);
            }
        }
        throw new IOException("the checkpoint holds state '" + name + "' of " + (owner.isEmpty() ? "the shared states" : "detection " + owner)
                + ", which no detection of this build declares");
    }

    /** A detection's {@link StateCodec} as a codec of the job; the version is the state codec's own. */
    private record StateCodecOf<T>(String owner, String state, StateCodec<T> codec) implements Codec<T> {
        @Override
        public String name() {
            return STATE + owner + "/" + state;
        }

        @Override
        public int version() {
            return codec.version();
        }

        @Override
        public void write(T value, DataOutput out) throws IOException {
            codec.write(value, out);
        }

        @Override
        public T read(DataInput in, int version) throws IOException {
            return codec.read(in, version);
        }

        @Override
        public boolean immutable() {
            return false; // detections may change a list or map in place before update()
        }
    }

    @FunctionalInterface
    interface Writer<T> extends java.io.Serializable {
        void write(T value, DataOutput out) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> extends java.io.Serializable {
        T read(DataInput in, int version) throws IOException;
    }

    record Named<T>(String name, int version, boolean immutable, Writer<T> writer, Reader<T> reader) implements Codec<T> {
        @Override
        public void write(T value, DataOutput out) throws IOException {
            writer.write(value, out);
        }

        @Override
        public T read(DataInput in, int version) throws IOException {
            return reader.read(in, version);
        }
    }

    private static void writeKeyed(KeyedEvent e, DataOutput out) throws IOException {
        StateIo.str(e.key(), out);
        StateIo.str(e.tenant(), out);
        StateIo.str(e.user(), out);
        EventCodec.write(e.event(), out);
    }

    private static KeyedEvent readKeyed(DataInput in, int version) throws IOException {
        return new KeyedEvent(StateIo.str(in), StateIo.str(in), StateIo.str(in), EventCodec.read(in));
    }

    private static void writeChange(IncidentChange c, DataOutput out) throws IOException {
        for (String s : List.of(c.id(), c.tenant(), c.userKey(), c.user(), c.severity())) StateIo.str(s, out);
        AlertCodec.writeTime(c.start(), out);
        AlertCodec.writeTime(c.end(), out);
        StateIo.strings(c.changes(), out);
        StateIo.str(c.body(), out);
    }

    private static IncidentChange readChange(DataInput in, int version) throws IOException {
        String id = StateIo.str(in), tenant = StateIo.str(in), userKey = StateIo.str(in), user = StateIo.str(in), severity = StateIo.str(in);
        Instant start = AlertCodec.readTime(in), end = AlertCodec.readTime(in);
        return new IncidentChange(id, tenant, userKey, user, severity, start, end, StateIo.strings(in), StateIo.str(in));
    }
}
