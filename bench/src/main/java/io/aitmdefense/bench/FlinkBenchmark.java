package io.aitmdefense.bench;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.events.Event;
import io.aitmdefense.flink.AitmJob;
import io.aitmdefense.flink.JobSettings;
import io.aitmdefense.flink.detect.TenantFile;
import io.aitmdefense.model.Alert;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.List;
import java.util.Optional;

/**
 * The Flink job on a local MiniCluster against the local engine, on the same {@link SignInTraffic} already in memory
 * (reading and parsing not measured): events per CPU-second of the whole process — events per second per core, which a
 * shared machine's load does not change the way it changes wall time — through the whole job (keying, the catalogue,
 * incidents), with the job's fixed cost (a run over one event) taken out; and the state bytes per active user, from a
 * local engine snapshot taken with every event accepted and no timer fired — the same codecs the job's keyed state
 * is serialized with.
 * <p>
 * Run (Flink is not in the shaded bench jar):
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) io.aitmdefense.bench.FlinkBenchmark [events] [users] [parallelism,...]}
 * after {@code mvn -Pbench -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class FlinkBenchmark {
    private FlinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String[] parallelisms = (args.length > 2 ? args[2] : "1,2").split(",");
        List<Event> traffic = SignInTraffic.generate(42, users, events);
        TenantFile tenants = TenantFile.none();
        DetectConfig config = tenants.config();
        Enrichment enrichment = Enrichments.load(config, Optional.empty());
        System.out.printf("%,d sign-ins of %,d users; %d cores%n", events, users, Runtime.getRuntime().availableProcessors());

        for (String p : parallelisms) {
            int n = Integer.parseInt(p.trim());
            long alerts = 0;
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 2; round++) {
                double[] t = measure(() -> {
                    LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), enrichment, EngineSettings.from(config).withShards(n));
                    traffic.forEach(engine::accept);
                    engine.finish();
                });
                best = min(best, t);
            }
            LocalEngine once = LocalEngine.start(Catalogue.enabled(config), enrichment, EngineSettings.from(config).withShards(n));
            traffic.forEach(once::accept);
            alerts = once.finish().alerts().size();
            System.out.printf("local engine, %d shard(s): %,.0f events per CPU-second (%.1f CPU-s, %.1f s wall), %d alerts%n",
                    n, events / best[1], best[1], best[0], alerts);

            double[] fixed = {Double.MAX_VALUE, Double.MAX_VALUE}, whole = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 2; round++) {
                fixed = min(fixed, measure(() -> runJob(traffic.subList(0, 1), tenants, n)));
                whole = min(whole, measure(() -> runJob(traffic, tenants, n)));
            }
            System.out.printf("flink job, parallelism %d: %,.0f events per CPU-second without the fixed cost (%.1f - %.1f CPU-s; %.1f - %.1f s wall)%n",
                    n, (events - 1) / (whole[1] - fixed[1]), whole[1], fixed[1], whole[0], fixed[0]);
        }

        LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), enrichment, EngineSettings.from(config).withShards(1));
        traffic.forEach(engine::accept);
        byte[] snapshot = engine.snapshot(new byte[0]);
        long keys = engine.finish().stats().peakLiveKeys();
        System.out.printf("state: %,d bytes for %,d active users = %,.0f bytes per user (codec bytes, before the backend's own overhead)%n",
                snapshot.length, keys, (double) snapshot.length / keys);
    }

    interface Run {
        void run() throws Exception;
    }

    /** Wall seconds and CPU-seconds of the whole process for one run. */
    private static double[] measure(Run r) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long w0 = System.nanoTime(), c0 = os.getProcessCpuTime();
        r.run();
        return new double[] {(System.nanoTime() - w0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9};
    }

    private static double[] min(double[] a, double[] b) {
        return b[1] < a[1] ? b : a;
    }

    /** One whole run of the job over {@code events} on a local MiniCluster. */
    private static void runJob(List<Event> events, TenantFile tenants, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, AitmJob.configuration());
        JobSettings settings = JobSettings.of(tenants);
        var source = env.fromData(events, AitmJob.EVENTS).assignTimestampsAndWatermarks(settings.watermarks());
        var out = AitmJob.build(source, env.fromData(List.of("tenants: []"), Types.STRING), settings);
        out.alerts().sinkTo(new DiscardingSink<Alert>());
        out.incidents().sinkTo(new DiscardingSink<>());
        env.execute("bench");
    }
}
