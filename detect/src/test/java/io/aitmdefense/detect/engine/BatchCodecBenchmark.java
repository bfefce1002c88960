package io.aitmdefense.detect.engine;

import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.ByteArrayInput;
import io.aitmdefense.events.codec.ByteArrayOutput;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures what the batch costs per event (docs/benchmarks.md, "Batch ordering"): encode, decode, and the whole
 * accept-then-replay of {@link TimeOrderedBatch} in memory and spilling. A main class rather than a test: timings
 * vary by machine and must not fail a build. Times are the thread's CPU time. From the repo root: {@code java -cp
 * detect/target/classes:detect/target/test-classes:events/target/classes:events/target/test-classes
 * io.aitmdefense.detect.engine.BatchCodecBenchmark}
 */
final class BatchCodecBenchmark {
    private BatchCodecBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Event> signIns = signIns(200_000, new Random(42));
        realDataSize();
        for (int round = 0; round < 4; round++) { // the last round is reported, after the JIT has warmed up
            boolean print = round == 3;
            codec(signIns, print);
            batch(signIns, BatchSettings.DEFAULT_MEMORY_BUDGET, "in memory", print);
            batch(signIns, 4L << 20, "4 MB budget, spilling", print);
        }
    }

    private static void codec(List<Event> events, boolean print) throws IOException {
        // encoded one at a time into a reused buffer, as TimeOrderedBatch.accept does, then kept for decoding
        ByteArrayOutput scratch = new ByteArrayOutput(4096);
        ByteArrayOutput out = new ByteArrayOutput(1024 * events.size());
        long t0 = cpuNanos();
        for (Event e : events) {
            scratch.reset();
            EventCodec.write(e, scratch);
            out.write(scratch.array(), 0, scratch.size());
        }
        long t1 = cpuNanos();
        ByteArrayInput in = new ByteArrayInput(out.array(), 0, out.size());
        int n = 0;
        while (in.position() < out.size()) {
            if (EventCodec.read(in).time() != null) n++;
        }
        long t2 = cpuNanos();
        if (n != events.size()) throw new IllegalStateException("decoded " + n + " of " + events.size());
        if (print) {
            System.out.printf("sign-ins: %d bytes each encoded; encode %.2f µs (%,d/s), decode %.2f µs (%,d/s)%n",
                    out.size() / n, (t1 - t0) / 1e3 / n, (long) (n / ((t1 - t0) / 1e9)),
                    (t2 - t1) / 1e3 / n, (long) (n / ((t2 - t1) / 1e9)));
        }
    }

    private static void batch(List<Event> events, long budget, String label, boolean print) throws IOException {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        Path temp = Files.createTempDirectory("aitm-bench-");
        long[] count = {0};
        long t0 = cpuNanos();
        BatchStats stats;
        try (TimeOrderedBatch batch = new TimeOrderedBatch(BatchSettings.defaults().withMemoryBudget(budget).withTempParent(temp))) {
            shuffled.forEach(batch::accept);
            batch.replayInto(e -> count[0]++, Progress.NONE);
            stats = batch.stats();
        }
        long t1 = cpuNanos();
        Files.delete(temp);
        if (print) {
            System.out.printf("batch %s: accept + sort + replay %.2f µs per sign-in (%,d/s); %d spills, %,d bytes spilled%n",
                    label, (t1 - t0) / 1e3 / count[0], (long) (count[0] / ((t1 - t0) / 1e9)), stats.spills(),
                    stats.spilledBytes());
        }
    }

    /**
     * CPU time of this thread: the benchmark runs on one thread, and on a shared, loaded machine wall time mostly
     * measures the other processes.
     */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void realDataSize() throws IOException {
        List<Event> real = Collections.synchronizedList(new ArrayList<>());
        new LogReader(1).read(List.of(Path.of("../shared/data/logs/sentinel-training-lab")), real::add, Progress.NONE);
        long bytes = 0, signIns = 0;
        for (Event e : real) {
            if (e instanceof SignIn) {
                bytes += EventCodec.encode(e).length;
                signIns++;
            }
        }
        if (signIns > 0) System.out.printf("training-lab sign-ins: %d bytes each encoded (%d rows)%n", bytes / signIns, signIns);
    }

    /** Sign-ins of many users over a month, with the values of a real interactive sign-in. */
    private static List<Event> signIns(int n, Random random) {
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        CaResult mfa = new CaResult("0f5a6b1e-1111-2222-3333-444455556666", "Require MFA for all users", "success",
                List.of("Mfa"), List.of());
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int u = random.nextInt(2000);
            out.add(SampleEvents.signIn().user("user" + u + "@contoso.example")
                    .at(start.plus(Duration.ofSeconds(random.nextInt(30 * 86400))))
                    .id(java.util.UUID.randomUUID().toString()).correlationId(java.util.UUID.randomUUID().toString())
                    .session("s-" + u + "-" + random.nextInt(30)).token("tok" + random.nextLong())
                    .ip("81.2." + (u % 250) + "." + random.nextInt(250)).asn(7922)
                    .geo("London", "GB", 51.5074, -0.1278).ca(mfa).build());
        }
        return out;
    }
}
