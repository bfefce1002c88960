package io.aitmdefense.bench;

import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.map.RecordMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Parse + map of generated SigninLogs rows on one thread, the per-row work of {@code LogReader}'s workers without file
 * I/O or the engine. The score is rows per second; MB/s is that times {@link #ROW_BYTES}, printed at setup.
 * Run: {@code java -jar bench/target/aitm-bench.jar ReaderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReaderBenchmark {
    static final int ROWS = 2_000;
    /** Mean bytes per generated row (newline included), set at setup. */
    static double ROW_BYTES;

    private byte[] text;
    private int[] starts;
    private int[] ends;
    private final Source source = new Source("bench.ndjson", 1);

    @Setup
    public void setUp() throws IOException {
        StringWriter w = new StringWriter();
        new SignInExportGenerator(7, 20_000).write(ROWS, w);
        text = w.toString().getBytes(StandardCharsets.UTF_8);
        starts = new int[ROWS];
        ends = new int[ROWS];
        int at = 0;
        for (int k = 0; k < ROWS; k++) {
            int nl = at;
            while (text[nl] != '\n') nl++;
            starts[k] = at;
            ends[k] = nl;
            at = nl + 1;
        }
        ROW_BYTES = (double) text.length / ROWS;
        System.out.printf("%n%d rows, %.0f bytes a row: MB/s = rows/s x %.6f%n", ROWS, ROW_BYTES, ROW_BYTES / 1e6);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void parseAndMap(Blackhole bh) {
        for (int k = 0; k < ROWS; k++) {
            bh.consume(RecordMapper.map(JsonRow.parse(text, starts[k], ends[k]), source));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void parseOnly(Blackhole bh) {
        for (int k = 0; k < ROWS; k++) bh.consume(JsonRow.parse(text, starts[k], ends[k]));
    }
}
