package io.aitmdefense.flink.wire;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of a stream of one of our values, serialized by its {@link Codec} (Flink would otherwise fall back to Kryo). */
public final class CodecType<T> extends TypeInformation<T> {
    private final Class<T> type;
    private final Codec<T> codec;

    public CodecType(Class<T> type, Codec<T> codec) {
        this.type = type;
        this.codec = codec;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new CodecSerializer<>(codec);
    }

    @Override
    public String toString() {
        return "CodecType(" + codec.name() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecType<?> t && t.codec.name().equals(codec.name());
    }

    @Override
    public int hashCode() {
        return codec.name().hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CodecType<?>;
    }
}
