package io.aitmdefense.flink.wire;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * How one of our types is written between Flink operators and into checkpoints: the project's own compact binary
 * codecs, so that the job runs with generic types (Kryo) disabled. {@link #name} is what a checkpoint records to find the
 * codec again on restore ({@link Codecs#byName}); {@link #version} is the layout this build writes.
 */
public interface Codec<T> extends Serializable {

    String name();

    /** The layout this build writes, 1–255; {@link #read} also gets older ones it must migrate or refuse. */
    int version();

    void write(T value, DataOutput out) throws IOException;

    T read(DataInput in, int version) throws IOException;

    /** Whether values never change once built (records of immutable lists): Flink may then pass them on uncopied. */
    boolean immutable();
}
