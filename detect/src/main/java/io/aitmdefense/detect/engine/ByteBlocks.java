package io.aitmdefense.detect.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes appended to a chain of blocks: a block is never copied to grow, as a doubling array is (a bucket of the
 * batch grew so through gigabytes of copies in a large run). Blocks start small, so that many small buckets stay
 * small, and double up to {@link #MAX_BLOCK}, the piece size temporary files are written in.
 */
final class ByteBlocks {
    static final int FIRST_BLOCK = 4 << 10;
    static final int MAX_BLOCK = 64 << 10;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] last;
    private int lastUsed;
    private long size;

    void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (last == null || lastUsed == last.length) {
                last = new byte[last == null ? FIRST_BLOCK : Math.min(MAX_BLOCK, last.length * 2)];
                blocks.add(last);
                lastUsed = 0;
            }
            int n = Math.min(len, last.length - lastUsed);
            System.arraycopy(b, off, last, lastUsed, n);
            lastUsed += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    long size() {
        return size;
    }

    /** Writes the bytes to {@code out} block by block (each at most {@link #MAX_BLOCK}). */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < blocks.size(); i++) out.write(blocks.get(i), 0, used(i));
    }

    /** Copies the bytes into {@code dest} from {@code at} on. */
    void copyTo(byte[] dest, int at) {
        for (int i = 0; i < blocks.size(); i++) {
            int n = used(i);
            System.arraycopy(blocks.get(i), 0, dest, at, n);
            at += n;
        }
    }

    private int used(int block) {
        return block == blocks.size() - 1 ? lastUsed : blocks.get(block).length;
    }
}
