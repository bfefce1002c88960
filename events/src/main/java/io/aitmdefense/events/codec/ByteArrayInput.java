package io.aitmdefense.events.codec;

import io.aitmdefense.events.LogId;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/** Reads a slice of a byte array through {@link DataInput}, big-endian like {@link DataInputStream}, without locks. */
public final class ByteArrayInput implements DataInput {
    private final byte[] buf;
    private final int start, end;
    private int pos;

    public ByteArrayInput(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + buf.length + " bytes");
        }
        this.buf = buf;
        this.start = offset;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Where the next read starts. */
    public int position() {
        return pos;
    }

    /** The array read from, for the codec's look at what comes next without decoding it. */
    byte[] array() {
        return buf;
    }

    /** Moves to {@code position} within the slice, back or forth: the codec looks at a part's bytes before reading them. */
    void moveTo(int position) throws EOFException {
        if (position < start || position > end) throw new EOFException("cannot move to " + position + " of " + start + ".." + end);
        pos = position;
    }

    /** Steps over the next {@code n} bytes, which must be there (unlike {@link #skipBytes}, which stops at the end). */
    void skipExactly(long n) throws EOFException {
        if (n < 0 || n > end - pos) throw new EOFException("needed " + n + " more bytes, " + (end - pos) + " left");
        pos += (int) n;
    }

    private int need(int n) throws EOFException {
        if (end - pos < n) throw new EOFException("needed " + n + " more bytes, " + (end - pos) + " left");
        int at = pos;
        pos += n;
        return at;
    }

    /** {@code n} bytes of UTF-8 as a string, decoded straight from the array and shared through the {@link StringPool}. */
    String readUtf8(int n) throws EOFException {
        int at = need(n);
        return StringPool.utf8(buf, at, n);
    }

    /** The id of the next {@code n} UTF-8 bytes, decoded straight from the array (no string for a GUID or token). */
    LogId readId(int n) throws EOFException {
        int at = need(n);
        return LogId.utf8(buf, at, n);
    }

    /** A fresh string of the next {@code n} UTF-8 bytes, decoded straight from the buffer. */
    String readUnpooledUtf8(int n) throws EOFException {
        int at = need(n);
        return new String(buf, at, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        System.arraycopy(buf, need(len), b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int k = Math.max(0, Math.min(n, end - pos));
        pos += k;
        return k;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return buf[need(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return buf[need(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return buf[need(1)] & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        int at = need(2);
        return (short) ((buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF));
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        int at = need(4);
        return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF);
    }

    @Override
    public long readLong() throws IOException {
        return (long) readInt() << 32 | (readInt() & 0xFFFFFFFFL);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not supported: the codec's data has no lines. */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("readLine: binary data has no lines");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }
}
