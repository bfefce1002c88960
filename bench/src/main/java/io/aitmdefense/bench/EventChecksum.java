package io.aitmdefense.bench;

import io.aitmdefense.detect.engine.BatchSettings;
import io.aitmdefense.detect.engine.TimeOrderedBatch;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proof that a change to the readers or the batch left the events alone: reads the inputs as {@code aitm detect}
 * does and prints two SHA-256 digests over the {@link EventCodec} bytes of every event — one independent of the order
 * the reader threads delivered them in (the events read), one over the time-ordered replay of a
 * {@link TimeOrderedBatch} (the events the engine gets, in the order it gets them). Two builds that print the same
 * lines read the same events and replay them in the same order.
 * <p>
 * Run: {@code java -Xmx800m -cp bench/target/aitm-bench.jar io.aitmdefense.bench.EventChecksum PATH...}
 */
public final class EventChecksum {

    private EventChecksum() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: EventChecksum PATH...   (files or folders of logs, as aitm detect takes them)");
            System.exit(2);
        }
        List<Path> inputs = Arrays.stream(args).map(Path::of).toList();
        long started = System.nanoTime();
        // one 64-bit hash per event, sorted before the digest: the read digest does not depend on thread timing
        List<long[]> hashes = new ArrayList<>();
        long[][] local = {new long[0]};
        AtomicLong count = new AtomicLong();
        MessageDigest replay = MessageDigest.getInstance("SHA-256");
        ReadReport read;
        long replayed;
        try (TimeOrderedBatch batch = new TimeOrderedBatch(BatchSettings.defaults())) {
            read = new LogReader(2).read(inputs, e -> {
                byte[] bytes = EventCodec.encode(e);
                long h = hash64(bytes);
                synchronized (hashes) {
                    if (local[0].length == 0 || count.get() % 65536 == 0) hashes.add(local[0] = new long[65536]);
                    local[0][(int) (count.getAndIncrement() % 65536)] = h;
                }
                batch.accept(e);
            }, Progress.NONE);
            replayed = batch.replayInto(e -> {
                byte[] bytes = EventCodec.encode(e);
                replay.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                        (byte) (bytes.length >>> 8), (byte) bytes.length});
                replay.update(bytes);
            }, Progress.NONE);
        }
        long n = count.get();
        long[] all = new long[(int) n];
        for (int i = 0; i < n; i++) all[i] = hashes.get(i / 65536)[i % 65536];
        Arrays.sort(all);
        MessageDigest readDigest = MessageDigest.getInstance("SHA-256");
        for (long h : all) {
            for (int s = 56; s >= 0; s -= 8) readDigest.update((byte) (h >>> s));
        }
        HexFormat hex = HexFormat.of();
        System.out.printf("events read      %d (rejected %d) sha256 %s%n", n, read.rejected(), hex.formatHex(readDigest.digest()));
        System.out.printf("events replayed  %d sha256 %s%n", replayed, hex.formatHex(replay.digest()));
        System.out.printf("in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** First 8 bytes of the event's SHA-256: collisions among a few million events are out of reach. */
    private static long hash64(byte[] bytes) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        long h = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xff);
        return h;
    }
}
