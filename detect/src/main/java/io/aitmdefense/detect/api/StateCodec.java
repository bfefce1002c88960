package io.aitmdefense.detect.api;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How one kind of per-key state is written into a snapshot and read back: compact binary, hand-written (no Java
 * serialization, no Kryo), so that a snapshot survives a refactoring and the Flink adapter can use the same bytes.
 * <p>
 * Every value is written behind its codec's {@link #version}. A change of layout raises the version; {@link #read}
 * then gets the version the bytes were written with and either migrates them or refuses with
 * {@link StateIo#unsupported}, which names the state and both versions.
 */
public interface StateCodec<T> {

    /** The layout version this build writes, 1–255. */
    int version();

    void write(T value, DataOutput out) throws IOException;

    /** Reads a value written with layout {@code version} (at most {@link #version()}). */
    T read(DataInput in, int version) throws IOException;
}
