package io.aitmdefense.bench;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineResult;
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
 * (reading and parsing not measured): events per second through the whole job (keying, the catalogue, incidents),
 * with the job's fixed start-up cost (a run over one event) taken out; and the state bytes per active user, from a
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
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), enrichment, EngineSettings.from(config).withShards(n));
                traffic.forEach(engine::accept);
                EngineResult r = engine.finish();
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                alerts = r.alerts().size();
            }
            System.out.printf("local engine, %d shard(s): %,.0f events/s (best of 3, %.2f s), %d alerts%n", n, events / best, best, alerts);

            double fixed = Double.MAX_VALUE, whole = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                fixed = Math.min(fixed, runJob(traffic.subList(0, 1), tenants, n));
                whole = Math.min(whole, runJob(traffic, tenants, n));
            }
            System.out.printf("flink job, parallelism %d: %,.0f events/s without start-up (%.2f s - %.2f s start-up), %,.0f with%n",
                    n, (events - 1) / (whole - fixed), whole, fixed, events / whole);
        }

        LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), enrichment, EngineSettings.from(config).withShards(1));
        traffic.forEach(engine::accept);
        byte[] snapshot = engine.snapshot(new byte[0]);
        long keys = engine.finish().stats().peakLiveKeys();
        System.out.printf("state: %,d bytes for %,d active users = %,.0f bytes per user (codec bytes, before the backend's own overhead)%n",
                snapshot.length, keys, (double) snapshot.length / keys);
    }

    /** Seconds for one whole run of the job over {@code events} on a local MiniCluster. */
    private static double runJob(List<Event> events, TenantFile tenants, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, AitmJob.configuration());
        JobSettings settings = JobSettings.of(tenants);
        var source = env.fromData(events, AitmJob.EVENTS).assignTimestampsAndWatermarks(settings.watermarks());
        var out = AitmJob.build(source, env.fromData(List.of("tenants: []"), Types.STRING), settings);
        out.alerts().sinkTo(new DiscardingSink<Alert>());
        out.incidents().sinkTo(new DiscardingSink<>());
        long t0 = System.nanoTime();
        env.execute("bench");
        return (System.nanoTime() - t0) / 1e9;
    }
}
