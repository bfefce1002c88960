package io.aitmdefense.detect.api;

import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.events.codec.StringPool;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The pieces state codecs are made of: variable-length numbers, strings, the rows' source and network, lists. */
public final class StateIo {
    private static final NetworkKind[] KINDS = NetworkKind.values();
    private static final RecordIdKind[] ID_KINDS = RecordIdKind.values();

    private StateIo() {
    }

    /** Writes one element of a list or map. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T value, DataOutput out) throws IOException;
    }

    /** Reads one element of a list or map. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /** The refusal for bytes of a layout this build cannot read. */
    public static IOException unsupported(String state, int written, int supported) {
        return new IOException("state '" + state + "' was written with layout version " + written + " and this build reads up to "
                + supported + "; restore it with the build that wrote it, or start without the snapshot");
    }

    public static void varLong(long v, DataOutput out) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.writeByte((int) z);
    }

    public static long varLong(DataInput in) throws IOException {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (z >>> 1) ^ -(z & 1);
        }
        throw new IOException("malformed number in a snapshot");
    }

    public static void varInt(int v, DataOutput out) throws IOException {
        varLong(v, out);
    }

    public static int varInt(DataInput in) throws IOException {
        return (int) varLong(in);
    }

    public static void str(String s, DataOutput out) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varInt(b.length, out);
        out.write(b);
    }

    /** Read strings are pooled: state holds the same users, addresses, files and agents many times. */
    public static String str(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) return "";
        if (n < 0) throw new IOException("malformed string length in a snapshot");
        byte[] b = new byte[n];
        in.readFully(b);
        return StringPool.utf8(b, 0, n);
    }

    public static void strings(List<String> list, DataOutput out) throws IOException {
        list(list, out, StateIo::str);
    }

    public static List<String> strings(DataInput in) throws IOException {
        return List.copyOf(list(in, StateIo::str));
    }

    /** Where a row of state came from and the record's own id, as evidence names it. */
    public static void source(RecordRef r, DataOutput out) throws IOException {
        str(r.file(), out);
        varLong(r.line(), out);
        varInt(r.index(), out);
        str(r.recordId(), out);
        out.writeByte(r.idKind().ordinal());
    }

    public static RecordRef source(DataInput in) throws IOException {
        return new RecordRef(str(in), varLong(in), varInt(in), unpooled(in), enumOf(ID_KINDS, in));
    }

    public static void eventSource(Source s, DataOutput out) throws IOException {
        str(s.file(), out);
        varLong(s.line(), out);
        varInt(s.index(), out);
    }

    public static Source eventSource(DataInput in) throws IOException {
        return new Source(str(in), varLong(in), varInt(in));
    }

    /** An artifact a row keeps (the rule, the grant, the policy change), in the events' own layout; null for none. */
    public static void artifact(Artifact a, DataOutput out) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) EventCodec.writeArtifact(a, out);
    }

    public static Artifact artifact(DataInput in) throws IOException {
        return in.readBoolean() ? EventCodec.readArtifactValue(in) : null;
    }

    /** A string naming one record (its id): not pooled, a million distinct ids would only push the repeating ones out. */
    private static String unpooled(DataInput in) throws IOException {
        int n = varInt(in);
        if (n <= 0) return "";
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void network(Network n, DataOutput out) throws IOException {
        str(n.ip(), out);
        varInt(n.asn(), out);
        str(n.owner(), out);
        out.writeByte(n.kind().ordinal());
        out.writeBoolean(n.trusted());
        str(n.block(), out);
    }

    public static Network network(DataInput in) throws IOException {
        String ip = str(in);
        int asn = varInt(in);
        String owner = str(in);
        int kind = in.readUnsignedByte();
        if (kind >= KINDS.length) throw new IOException("unknown network kind " + kind + " in a snapshot");
        return new Network(ip, asn, owner, KINDS[kind], in.readBoolean(), str(in));
    }

    public static <E extends Enum<E>> E enumOf(E[] values, DataInput in) throws IOException {
        int i = in.readUnsignedByte();
        if (i >= values.length) throw new IOException("unknown " + values[0].getDeclaringClass().getSimpleName() + " " + i + " in a snapshot");
        return values[i];
    }

    public static <T> void list(List<? extends T> list, DataOutput out, Writer<T> w) throws IOException {
        varInt(list.size(), out);
        for (T t : list) w.write(t, out);
    }

    /** A mutable list, presized. */
    public static <T> ArrayList<T> list(DataInput in, Reader<T> r) throws IOException {
        int n = varInt(in);
        if (n < 0) throw new IOException("malformed list length in a snapshot");
        ArrayList<T> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) out.add(r.read(in));
        return out;
    }

    /** Writes a map in key order, so that equal state gives equal bytes whatever the map's history. */
    public static <V> void sortedMap(Map<String, V> m, DataOutput out, Writer<V> w) throws IOException {
        varInt(m.size(), out);
        for (Map.Entry<String, V> e : new TreeMap<>(m).entrySet()) {
            str(e.getKey(), out);
            w.write(e.getValue(), out);
        }
    }

    /** Writes a map in its own iteration order (a LinkedHashMap's insertion order matters to its reader). */
    public static <V> void orderedMap(Map<String, V> m, DataOutput out, Writer<V> w) throws IOException {
        varInt(m.size(), out);
        for (Map.Entry<String, V> e : m.entrySet()) {
            str(e.getKey(), out);
            w.write(e.getValue(), out);
        }
    }

    /** Reads a map written by {@link #sortedMap} or {@link #orderedMap} into {@code into}, in the written order. */
    public static <V, M extends Map<String, V>> M map(DataInput in, M into, Reader<V> r) throws IOException {
        int n = varInt(in);
        for (int i = 0; i < n; i++) {
            String k = str(in);
            into.put(k, r.read(in));
        }
        return into;
    }

    public static void longMap(Map<Long, Long> m, DataOutput out) throws IOException {
        varInt(m.size(), out);
        for (Map.Entry<Long, Long> e : new TreeMap<>(m).entrySet()) {
            varLong(e.getKey(), out);
            varLong(e.getValue(), out);
        }
    }

    public static <M extends Map<Long, Long>> M longMap(DataInput in, M into) throws IOException {
        int n = varInt(in);
        for (int i = 0; i < n; i++) into.put(varLong(in), varLong(in));
        return into;
    }
}
