package io.aitmdefense.detect.engine;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.codec.ByteArrayInput;
import io.aitmdefense.events.codec.ByteArrayOutput;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.events.read.EventSink;
import io.aitmdefense.events.read.Progress;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Collects a whole batch of events, in any order and from any number of threads, and hands them on in event-time
 * order. Batch files are often newest first (Graph pages, portal exports) and are read one after another, so fed
 * straight to the engine most of their events would fall behind its watermark; replayed in time order none do, and
 * the result no longer depends on file order, row order or thread count.
 * <p>
 * Events are encoded ({@link EventCodec}) into buckets of event time. At most the memory budget of encoded bytes
 * is held in memory (in {@link ByteBlocks}, at most one block's slack each); beyond it every bucket in memory is
 * appended to its own temporary file. {@link #replayInto}
 * takes the buckets in time order, sorts each by time, then source file, line and index, then encoded bytes (a total
 * order, so equal times come out the same way every run) and passes the events on. {@link #close} deletes the
 * temporary files, also when the run failed.
 */
public final class TimeOrderedBatch implements EventSink, AutoCloseable {
    private static final int FRAME_HEADER = 4;
    /**
     * Temporary files are written and read in pieces of this size: NIO copies each call's bytes through a direct buffer
     * of the call's size and keeps it for the thread, which for a whole bucket at once is tens of MB outside the heap.
     */
    private static final int IO_PIECE = 64 << 10;

    /** A bucket of one span of event time: encoded frames in memory and, after a spill, more in its file. */
    private static final class Bucket {
        ByteBlocks memory;
        Path file;
        long fileBytes;
        int events;
    }

    private final BatchSettings settings;
    private final long widthSeconds;
    private final ThreadLocal<ByteArrayOutput> scratch = ThreadLocal.withInitial(() -> new ByteArrayOutput(1024));

    // guarded by this
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private Path tempDir;
    private Thread cleanupOnExit;
    private long memoryBytes;
    private long peakMemoryBytes;
    private long events;
    private long encodedBytes;
    private long spilledBytes;
    private int spills;
    private boolean replayed;
    private boolean closed;

    public TimeOrderedBatch(BatchSettings settings) {
        this.settings = settings;
        this.widthSeconds = settings.bucketWidth().getSeconds();
    }

    /**
     * Encodes the event (on the caller's thread) and files it under its bucket; may write memory out to disk.
     *
     * @throws IllegalStateException after {@link #replayInto} or {@link #close}
     * @throws UncheckedIOException if a temporary file cannot be written
     */
    @Override
    public void accept(Event event) {
        ByteArrayOutput frame = scratch.get();
        frame.reset();
        frame.writeInt(0); // length, filled in below
        try {
            EventCodec.write(event, frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        int length = frame.size() - FRAME_HEADER;
        byte[] bytes = frame.array();
        bytes[0] = (byte) (length >>> 24);
        bytes[1] = (byte) (length >>> 16);
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        long key = Math.floorDiv(event.time().getEpochSecond(), widthSeconds);
        try {
            add(key, bytes, frame.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write events to a temporary file under " + settings.tempParent(), e);
        }
    }

    private synchronized void add(long key, byte[] frame, int size) throws IOException {
        if (replayed || closed) throw new IllegalStateException("the batch has been replayed or closed; no more events");
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
        events++;
        encodedBytes += size;
        b.events++;
        if (size > settings.memoryBudgetBytes()) {
            // bigger than the whole budget: straight to disk, memory stays within it
            appendToFile(key, b, frame, size);
            return;
        }
        if (memoryBytes + size > settings.memoryBudgetBytes()) spillAll();
        if (b.memory == null) b.memory = new ByteBlocks();
        b.memory.write(frame, 0, size);
        memoryBytes += size;
        peakMemoryBytes = Math.max(peakMemoryBytes, memoryBytes);
    }

    private void spillAll() throws IOException {
        for (Map.Entry<Long, Bucket> e : buckets.entrySet()) {
            Bucket b = e.getValue();
            if (b.memory == null || b.memory.size() == 0) continue;
            appendToFile(e.getKey(), b, b.memory);
            b.memory = null; // let the blocks go: the budget is about what stays reachable
        }
        memoryBytes = 0;
        spills++;
    }

    private void appendToFile(long key, Bucket b, byte[] bytes, int size) throws IOException {
        try (OutputStream out = openForAppend(key, b)) {
            for (int at = 0; at < size; at += IO_PIECE) out.write(bytes, at, Math.min(IO_PIECE, size - at));
        }
        b.fileBytes += size;
        spilledBytes += size;
    }

    private void appendToFile(long key, Bucket b, ByteBlocks blocks) throws IOException {
        try (OutputStream out = openForAppend(key, b)) {
            blocks.writeTo(out); // in blocks of at most IO_PIECE
        }
        b.fileBytes += blocks.size();
        spilledBytes += blocks.size();
    }

    private OutputStream openForAppend(long key, Bucket b) throws IOException {
        if (b.file == null) b.file = ensureTempDir().resolve("bucket-" + key + ".bin");
        return Files.newOutputStream(b.file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private Path ensureTempDir() throws IOException {
        if (tempDir == null) {
            Files.createDirectories(settings.tempParent());
            tempDir = Files.createTempDirectory(settings.tempParent(), "aitm-batch-");
            // an interrupted run (Ctrl-C) must not leave event data behind either
            Path dir = tempDir;
            cleanupOnExit = new Thread(() -> deleteQuietly(dir), "aitm-batch-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        }
        return tempDir;
    }

    /**
     * Passes every event to {@code sink} in event-time order, one bucket at a time, reporting progress in encoded
     * bytes. Can be called once; only one bucket is decoded in memory at a time, and each is let go (its file deleted)
     * once passed on.
     *
     * @return the number of events passed on
     */
    public synchronized long replayInto(EventSink sink, Progress progress) throws IOException {
        if (closed) throw new IllegalStateException("the batch is closed");
        if (replayed) throw new IllegalStateException("the batch has already been replayed");
        replayed = true;
        long done = 0, passed = 0;
        // one array for every bucket in turn, grown to the largest: a bucket's events are passed on before the next
        // is read, and each decoded event holds copies of its bytes, never the array
        byte[] bytes = new byte[0];
        for (Map.Entry<Long, Bucket> e : buckets.entrySet()) {
            Bucket b = e.getValue();
            int length = bucketLength(b);
            if (bytes.length < length) bytes = new byte[Math.max(length, bytes.length + (bytes.length >> 1))];
            readBucket(b, bytes);
            Frames frames = Frames.of(bytes, length, b.events);
            // decoded one at a time in order: a bucket's events never all live at once, only its bytes and keys
            for (int k : frames.inOrder()) sink.accept(EventCodec.decode(bytes, frames.offsets[k], frames.lengths[k]));
            passed += b.events;
            done += length;
            if (b.memory != null) memoryBytes -= b.memory.size();
            b.memory = null;
            if (b.file != null) Files.deleteIfExists(b.file);
            progress.update("detecting in event-time order", done, encodedBytes);
        }
        return passed;
    }

    private static int bucketLength(Bucket b) throws IOException {
        long total = b.fileBytes + (b.memory == null ? 0 : b.memory.size());
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException("one bucket holds " + total + " bytes of events, more than fits in memory at once;"
                    + " use a narrower bucket width");
        }
        return (int) total;
    }

    /** Reads the bucket's file, then its bytes still in memory, into the start of {@code into}. */
    private static void readBucket(Bucket b, byte[] into) throws IOException {
        int read = 0;
        if (b.file != null) {
            try (InputStream in = Files.newInputStream(b.file)) {
                for (int n; read < b.fileBytes && (n = in.read(into, read, (int) Math.min(IO_PIECE, b.fileBytes - read))) > 0; ) read += n;
                if (read != b.fileBytes || in.read() != -1) {
                    throw new IOException("temporary file " + b.file + " does not hold the " + b.fileBytes + " bytes written to it");
                }
            }
        }
        if (b.memory != null) b.memory.copyTo(into, read);
    }

    /**
     * The frames of one bucket and their sort keys — time, then source file, line and index, then the encoded bytes
     * (a total order, so equal times come out the same way every run) — read from each frame's head without decoding
     * the event. Sorting these columns instead of decoded events keeps a bucket's events from all being alive at once,
     * and a bucket that is already in order (one time-ordered file, or files that do not overlap) is not sorted.
     */
    private static final class Frames {
        final byte[] bytes;
        final int[] offsets, lengths, nanos, indexes;
        final long[] seconds, lines;
        final String[] files;

        private Frames(byte[] bytes, int n) {
            this.bytes = bytes;
            offsets = new int[n];
            lengths = new int[n];
            nanos = new int[n];
            indexes = new int[n];
            seconds = new long[n];
            lines = new long[n];
            files = new String[n];
        }

        static Frames of(byte[] bytes, int held, int expected) throws IOException {
            Frames f = new Frames(bytes, expected);
            EventCodec.Head head = new EventCodec.Head();
            ByteArrayInput in = new ByteArrayInput(bytes, 0, held);
            int k = 0;
            while (in.position() < held) {
                int length = in.readInt();
                int offset = in.position();
                if (k == expected) throw new IOException("a bucket holds more than the " + expected + " events filed in it");
                EventCodec.readHead(bytes, offset, length, head);
                f.offsets[k] = offset;
                f.lengths[k] = length;
                f.seconds[k] = head.seconds;
                f.nanos[k] = head.nanos;
                f.files[k] = head.file;
                f.lines[k] = head.line;
                f.indexes[k] = head.index;
                k++;
                in.skipBytes(length);
            }
            if (k != expected) throw new IOException("a bucket decoded to " + k + " events, expected " + expected);
            return f;
        }

        /** The frame indexes in replay order. */
        int[] inOrder() {
            int n = offsets.length;
            int[] order = new int[n];
            boolean sorted = true;
            for (int k = 0; k < n; k++) {
                order[k] = k;
                if (k > 0 && sorted && compare(k - 1, k) > 0) sorted = false;
            }
            if (!sorted) mergeSort(order, new int[n], 0, n);
            return order;
        }

        private int compare(int a, int b) {
            int c = Long.compare(seconds[a], seconds[b]);
            if (c != 0) return c;
            c = Integer.compare(nanos[a], nanos[b]);
            if (c != 0) return c;
            // most pairs share their file, often as the very same pooled string: no character comparison then
            String fa = files[a], fb = files[b];
            if (fa != fb && (c = fa.compareTo(fb)) != 0) return c;
            c = Long.compare(lines[a], lines[b]);
            if (c != 0) return c;
            c = Integer.compare(indexes[a], indexes[b]);
            if (c != 0) return c;
            return Arrays.compare(bytes, offsets[a], offsets[a] + lengths[a], bytes, offsets[b], offsets[b] + lengths[b]);
        }

        /** Sorts {@code a[from, to)}; runs already in order (each file's stretch of a bucket) merge in linear time. */
        private void mergeSort(int[] a, int[] tmp, int from, int to) {
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int v = a[i], j = i - 1;
                    while (j >= from && compare(a[j], v) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(a, tmp, from, mid);
            mergeSort(a, tmp, mid, to);
            if (compare(a[mid - 1], a[mid]) <= 0) return;
            System.arraycopy(a, from, tmp, from, to - from);
            for (int i = from, l = from, r = mid; i < to; i++) {
                a[i] = r >= to || (l < mid && compare(tmp[l], tmp[r]) <= 0) ? tmp[l++] : tmp[r++];
            }
        }
    }

    public synchronized BatchStats stats() {
        return new BatchStats(events, encodedBytes, spilledBytes, peakMemoryBytes, settings.memoryBudgetBytes(),
                buckets.size(), spills);
    }

    /** Encoded bytes held in memory now; never more than the budget. */
    public synchronized long memoryBytes() {
        return memoryBytes;
    }

    /** The temporary folder, if anything was written to disk (deleted by {@link #close}). */
    public synchronized java.util.Optional<Path> tempDir() {
        return java.util.Optional.ofNullable(tempDir);
    }

    /** Drops everything held and deletes the temporary files. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        buckets.clear();
        memoryBytes = 0;
        if (tempDir != null) {
            deleteQuietly(tempDir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or ran: it deletes the same folder
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file we cannot delete must not hide the run's own outcome
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
