package io.aitmdefense.events.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array written through {@link DataOutput}, big-endian like {@link DataOutputStream}. Unlike
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream} it takes no lock per byte, which matters when
 * every event read is encoded; one instance belongs to one thread.
 */
public final class ByteArrayOutput implements DataOutput {
    private byte[] buf;
    private int size;

    public ByteArrayOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** Forgets what was written, keeping the capacity. */
    public void reset() {
        size = 0;
    }

    /** The backing array: bytes {@code [0, size())} are the ones written. Valid until the next write. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /**
     * Writes the chars of {@code s} as one byte each when every one is ASCII — its UTF-8 bytes — and returns true;
     * otherwise writes nothing and returns false. The codec encodes every string of every event: ASCII text
     * (nearly all of a log's) goes in without the byte array {@link String#getBytes} would allocate.
     */
    public boolean writeAscii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int at = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) return false;
            b[at + i] = (byte) c;
        }
        size = at + n;
        return true;
    }

    /** Drops what was written after the first {@code size} bytes. */
    void truncate(int size) {
        if (size < 0 || size > this.size) throw new IndexOutOfBoundsException("truncate to " + size + " of " + this.size);
        this.size = size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    @Override
    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) buf[size++] = (byte) s.charAt(i);
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) writeChar(s.charAt(i));
    }

    @Override
    public void writeUTF(String s) throws IOException {
        // modified UTF-8 is DataOutputStream's format; the codec itself never uses it
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length() + 2);
        new DataOutputStream(b).writeUTF(s);
        write(b.toByteArray());
    }
}
