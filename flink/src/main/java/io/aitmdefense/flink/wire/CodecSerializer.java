package io.aitmdefense.flink.wire;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Flink serializer over one of our {@link Codec}s. Its snapshot (what a checkpoint keeps beside the bytes) names the
 * codec and the layout version written; a restore reads that layout and the job goes on writing the current one, as
 * {@code StateCodec} promises: an older layout is migrated by the codec's own {@code read}, a newer one is refused.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {
    private final Codec<T> codec;
    /** The layout {@link #deserialize} reads: the current one, or a checkpoint's older one while it is restored. */
    private final int readVersion;

    public CodecSerializer(Codec<T> codec) {
        this(codec, codec.version());
    }

    private CodecSerializer(Codec<T> codec, int readVersion) {
        this.codec = codec;
        this.readVersion = readVersion;
    }

    public Codec<T> codec() {
        return codec;
    }

    @Override
    public boolean isImmutableType() {
        return codec.immutable();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this; // stateless: the codecs keep nothing between calls
    }

    @Override
    public T createInstance() {
        return null;
    }

    /** Mutable state is copied through its bytes: a deep copy that cannot miss a field a codec writes. */
    @Override
    public T copy(T from) {
        if (codec.immutable() || from == null) return from;
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            codec.write(from, out);
            return codec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()), codec.version());
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + codec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        codec.write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return codec.read(source, readVersion);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecSerializer<?> s && s.codec.name().equals(codec.name()) && s.readVersion == readVersion;
    }

    @Override
    public int hashCode() {
        return codec.name().hashCode() * 31 + readVersion;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(codec, codec.version());
    }

    @Override
    public String toString() {
        return "CodecSerializer(" + codec.name() + " v" + readVersion + ")";
    }

    /** What a checkpoint records of the serializer: the codec's name and the layout version of the bytes. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Codec<T> codec;
        private int written;

        /** For Flink, which reads the fields with {@link #readSnapshot}. */
        public Snapshot() {
        }

        Snapshot(Codec<T> codec, int written) {
            this.codec = codec;
            this.written = written;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(codec.name());
            out.writeByte(written);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            written = in.readUnsignedByte();
            codec = (Codec<T>) Codecs.byName(name, classLoader);
            if (written > codec.version()) throw unsupported(name, written, codec.version());
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new CodecSerializer<>(codec, written);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (!(old instanceof Snapshot<T> o) || !o.codec.name().equals(codec.name())) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (o.written == written) return TypeSerializerSchemaCompatibility.compatibleAsIs();
            return o.written < written ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }

        private static IOException unsupported(String name, int written, int supported) {
            return new IOException("state '" + name + "' was written with layout version " + written
                    + " and this build reads up to " + supported + "; restore it with the build that wrote it, or start without the checkpoint");
        }
    }
}
