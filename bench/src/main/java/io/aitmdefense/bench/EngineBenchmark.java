package io.aitmdefense.bench;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineResult;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Local engine throughput in events per second, one sign-in detection at a time and the whole catalogue together
 * ({@code all}), on sign-ins already in
 * memory (so reading and parsing are not measured): {@value #EVENTS} events of {@value #USERS} users from
 * {@link SignInTraffic}. Each operation is one whole run: start, accept every event, finish.
 * Run: {@code java -jar bench/target/aitm-bench.jar EngineBenchmark -wi 1 -i 3 -f 1} (add {@code -p shards=1,2,4}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    static final int USERS = 10_000;
    static final int EVENTS = 100_000;

    /** "none" runs a detection that does nothing: the engine's own cost of sharding, hand-off and watermarks. */
    @Param({"none", "all", "session-replay", "hosting-ip-signin", "client-mismatch", "token-without-mfa",
            "token-protection-failure", "device-code-phish", "impossible-travel"})
    public String detection;

    @Param({"2"})
    public int shards;

    private List<Event> events;
    private List<Detection> detections;
    private Enrichment enrichment;
    private EngineSettings settings;

    @Setup
    public void setUp() {
        events = SignInTraffic.generate(42, USERS, EVENTS);
        DetectConfig config = DetectConfig.defaults();
        List<Detection> all = Catalogue.enabled(config);
        detections = switch (detection) {
            case "all" -> all;
            case "none" -> List.of(new Idle());
            default -> all.stream().filter(d -> d.info().id().equals(detection)).toList();
        };
        if (detections.isEmpty()) throw new IllegalArgumentException("no detection " + detection);
        enrichment = new CuratedEnrichment(TenantContext.EMPTY, AsnDatabase.EMPTY);
        settings = EngineSettings.from(config).withShards(shards);
    }

    /** Looks at nothing and keeps nothing. */
    static final class Idle implements Detection {
        private static final DetectionInfo INFO = new DetectionInfo("none", "no detection", Severity.INFO,
                KillChainStage.INITIAL_ACCESS, List.of(), "measures the engine alone", "", "");

        @Override
        public DetectionInfo info() {
            return INFO;
        }

        @Override
        public void onEvent(Event event, Context ctx) {
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public EngineResult run() {
        LocalEngine engine = LocalEngine.start(detections, enrichment, settings);
        for (Event e : events) engine.accept(e);
        return engine.finish();
    }
}
