package io.aitmdefense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.contain.ResponseTenants;
import io.aitmdefense.server.engine.LivePipeline;
import io.aitmdefense.server.source.FolderSource;
import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;
import io.aitmdefense.store.ResponsePlans;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;

/**
 * {@code aitm serve} measured through the service itself:
 * <ul>
 *   <li>{@code folder} and {@code kafka}: latency from a record becoming readable at the source (a file moved into the
 *   watched folder; a message acknowledged by the broker) to its alert in the store. The record is an Identity
 *   Protection anomalous-token detection, sent with a later record that moves the watermark past the detection's
 *   event-time wait (its combine window and the allowed lateness), so the clock measures the pipeline — poll, read,
 *   engine, timer, store — and not the detection's deliberate wait.</li>
 *   <li>{@code throughput}: sign-in events per second from exports landing in the watched folder to every event
 *   judged by the full catalogue, every timer fired (as after the idle spell) and the alerts in the store.</li>
 *   <li>{@code contain}: seconds from an incident handed to automatic containment to its last automatic step verified
 *   against the local Graph, through the service's containment (store plans, store audit chain, its own thread).</li>
 * </ul>
 * <pre>java -cp bench/target/aitm-bench.jar io.aitmdefense.bench.ServeBenchmark [folder|kafka|throughput|contain …]</pre>
 */
public final class ServeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    private static final DateTimeFormatter EH_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
    private static final int TRIALS = 25;
    private static final int WARMUP = 5;

    public static void main(String[] args) throws Exception {
        List<String> what = args.length == 0 ? List.of("folder", "kafka", "throughput", "contain") : List.of(args);
        for (String w : what) {
            switch (w) {
                case "folder" -> {
                    folderLatency(Duration.ofMillis(200));
                    folderLatency(Duration.ofSeconds(1));
                }
                case "kafka" -> kafkaLatency(Duration.ofMillis(100));
                case "throughput" -> throughput(50_000, 5);
                case "contain" -> {
                    for (long ms : List.of(0L, 150L, 300L)) contain(ms);
                }
                default -> throw new IllegalArgumentException("unknown benchmark " + w + " (folder, kafka, throughput, contain)");
            }
        }
    }

    // ---------------------------------------------------------------- latency

    private static void folderLatency(Duration pollEvery) throws Exception {
        Path dir = Files.createTempDirectory("aitm-serve-bench");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ServeSettings settings = settings(dir, pollEvery, ServeSettings.folder(inbox, "bench"));
        List<Double> ms = measure(settings, (i, envelope) -> {
            Path part = inbox.resolve(".trial-" + i + ".part");
            Files.writeString(part, envelope);
            Files.move(part, inbox.resolve("trial-" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
        });
        print("folder, poll every " + pollEvery.toMillis() + " ms", ms);
    }

    private static void kafkaLatency(Duration pollEvery) throws Exception {
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            String topic = "insights-logs-userriskevents";
            try (var admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("acks", "all");
            p.put("linger.ms", "0");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                Path dir = Files.createTempDirectory("aitm-serve-bench");
                var n = JSON.getNodeFactory();
                ServeSettings.SourceSpec source = new ServeSettings.SourceSpec("kafka", Map.of("topic", n.textNode(topic),
                        "bootstrapServers", n.textNode(kafka.bootstrapServers())), "bench");
                List<Double> ms = measure(settings(dir, pollEvery, source),
                        (i, envelope) -> producer.send(new ProducerRecord<>(topic, envelope)).get());
                print("kafka (in-JVM KRaft broker), poll every " + pollEvery.toMillis() + " ms", ms);
            }
        }
    }

    @FunctionalInterface
    private interface Send {
        void send(int trial, String envelope) throws Exception;
    }

    /** Runs the service; per trial, sends one envelope and waits for its alert in the store. */
    private static List<Double> measure(ServeSettings settings, Send send) throws Exception {
        ObjectNode template = riskDetection();
        List<Double> out = new ArrayList<>();
        try (Service service = Service.start(settings, Clock.systemUTC(), u -> { })) {
            Thread run = service.runInBackground();
            LivePipeline pipeline = service.pipelines().get(0);
            Instant base = Instant.parse("2026-03-02T09:00:00Z");
            for (int i = 0; i < WARMUP + TRIALS; i++) {
                Instant t = base.plus(Duration.ofDays(2L * i));
                String envelope = "{\"records\":[" + record(template, "bench" + i, "anomalousToken", t) + ","
                        + record(template, "clock" + i, "generic", t.plus(Duration.ofDays(1))) + "]}";
                long before = pipeline.storedAlerts();
                long t0 = System.nanoTime();
                send.send(i, envelope);
                double took = waitFor(() -> pipeline.storedAlerts() > before ? 1 : 0, t0);
                if (i >= WARMUP) out.add(took);
            }
            service.stop();
            run.join();
        }
        return out;
    }

    private static double waitFor(LongSupplier done, long t0) throws InterruptedException {
        long deadline = t0 + Duration.ofSeconds(60).toNanos();
        while (done.getAsLong() == 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no alert within 60 s");
            Thread.sleep(1);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static ServeSettings settings(Path dir, Duration pollEvery, ServeSettings.SourceSpec source) {
        return new ServeSettings(dir.resolve("data"), Optional.empty(), "127.0.0.1", 0, Duration.ofMinutes(10),
                Duration.ofSeconds(30), pollEvery, Duration.ofHours(1),
                List.of(new ServeSettings.TenantSpec("", Optional.of(EXAMPLE.resolve("tenant.yaml")), List.of(source))));
    }

    /** The example's Identity Protection anomalous-token detection of Lukas Vance, as Event Hubs delivers it. */
    private static ObjectNode riskDetection() throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                EXAMPLE.resolve("logs/eh/insights-logs-userriskevents/2026-01-08.json.gz")))) {
            for (JsonNode r : JSON.readTree(in).path("records")) {
                if (r.path("properties").path("riskEventType").asText().equals("anomalousToken")) return (ObjectNode) r;
            }
        }
        throw new IllegalStateException("the example has no anomalous-token detection");
    }

    /** The template for another user at another time, with fresh ids. */
    private static String record(ObjectNode template, String user, String type, Instant t) {
        ObjectNode r = template.deepCopy();
        r.put("time", EH_TIME.format(t));
        r.put("correlationId", java.util.UUID.randomUUID().toString());
        ObjectNode p = (ObjectNode) r.path("properties");
        p.put("id", java.util.UUID.randomUUID().toString().replace("-", ""));
        p.put("riskType", type).put("riskEventType", type);
        p.put("userId", java.util.UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString());
        p.put("userPrincipalName", user + "@contoso.example").put("userDisplayName", user);
        p.put("activityDateTime", t.toString()).put("detectedDateTime", t.toString()).put("lastUpdatedDateTime", t.toString());
        return r.toString();
    }

    private static void print(String what, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "%-50s n=%d  median %.0f ms  p95 %.0f ms  min %.0f  max %.0f%n", what, s.size(),
                s.get(s.size() / 2), s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(0), s.get(s.size() - 1));
    }

    // ---------------------------------------------------------------- throughput

    private static void throughput(int rows, int files) throws Exception {
        Path dir = Files.createTempDirectory("aitm-serve-bench");
        Path staged = Files.createDirectories(dir.resolve("staged"));
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        SignInExportGenerator generator = new SignInExportGenerator(7, 20_000);
        for (int f = 0; f < files; f++) {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(staged.resolve("signins-" + f + ".ndjson"), StandardCharsets.UTF_8), 1 << 20)) {
                generator.write(rows / files, w);
            }
        }
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        Enrichment enrichment = Enrichments.load(config, Optional.empty());
        try (Database db = Database.embedded(dir.resolve("db"))) {
            LivePipeline pipeline = new LivePipeline("", db, List.of(new FolderSource(inbox, Clock.systemUTC())),
                    Catalogue.enabled(config), config, enrichment,
                    EngineSettings.from(config).withAllowedLateness(Duration.ofHours(3)), Duration.ofSeconds(30),
                    Clock.systemUTC(), u -> { });
            pipeline.start();
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            for (Path f : Files.list(staged).sorted().toList()) Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            long delivered = 0;
            while (delivered < rows) {
                pipeline.runOnce();
                delivered = pipeline.sourceStatus().stream().mapToLong(SourceStatus::delivered).sum();
            }
            // the exports end here: the quiet source lets every timer fire, as the idle spell would
            pipeline.advanceWatermark(Instant.parse("2100-01-01T00:00:00Z"));
            if (!pipeline.snapshot()) throw new IllegalStateException("snapshot failed");
            double s = (System.nanoTime() - t0) / 1e9;
            double cpuS = (cpu() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "throughput: %,d sign-ins in %d files, full catalogue (%d detections): %.1f s, %,.0f events/s, "
                            + "%.1f CPU-s, %d alerts stored%n", rows, files, Catalogue.enabled(config).size(), s, rows / s,
                    cpuS, pipeline.storedAlerts());
            pipeline.close();
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    // ---------------------------------------------------------------- containment

    private static void contain(long latencyMs) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            Path dir = Files.createTempDirectory("aitm-serve-bench");
            try (LocalTenant tenant = new LocalTenant(Clock.systemUTC()); Database db = Database.embedded(dir.resolve("db"))) {
                Contoso.seed(tenant);
                tenant.latency(Duration.ofMillis(latencyMs));
                tenant.identityProtectionLimit(true);
                Incident lukas = Contoso.lukasIncident();
                db.incidents().save(new IncidentRow(lukas.id(), lukas.tenant(), lukas.userKey(), lukas.user(),
                        lukas.severity().label(), "open", lukas.start(), lukas.end(), lukas.end(), 0,
                        IncidentsJson.incidentText(lukas)), Set.of("CREATED"));
                Path token = Files.writeString(dir.resolve("token.txt"), Contoso.TOKEN);
                Path file = Files.writeString(dir.resolve("tenant.yaml"), """
                        microsoft:
                          tenantId: %s
                          clientId: 11111111-2222-3333-4444-555555555555
                          accessTokenFile: %s
                          endpoints: {login: %s, graph: %s, exchange: %s}
                        respond:
                          auto: {detections: [signin-then-persistence], minConfidence: 0.9}
                        """.formatted(Contoso.TENANT, token, tenant.url(), tenant.url(), tenant.url()));
                RespondSettings s = RespondSettings.load(file);
                try (Containment c = new Containment(db, new ResponseTenants(Map.of(Contoso.TENANT.toLowerCase(Locale.ROOT), s),
                        Optional.empty()), dir.resolve("evidence"), Clock.systemUTC())) {
                    Instant t0 = Instant.now();
                    c.consider(lukas);
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    Optional<ResponsePlans.PlanRow> plan = Optional.empty();
                    while (System.nanoTime() < deadline) {
                        plan = db.plans().get(Containment.planId(lukas.id()));
                        if (plan.isPresent() && Set.of("done", "failed").contains(plan.get().status())) break;
                        Thread.sleep(5);
                    }
                    JsonNode steps = JSON.readTree(plan.orElseThrow().body()).path("run").path("steps");
                    Instant last = t0;
                    for (JsonNode st : steps) {
                        if (Set.of("disable", "revoke", "confirm", "rule").contains(st.path("id").asText())) {
                            if (!st.path("outcome").asText().equals("verified")) {
                                throw new IllegalStateException(st.path("id").asText() + " ended " + st.path("outcome").asText());
                            }
                            Instant at = Instant.parse(st.path("time").asText());
                            if (at.isAfter(last)) last = at;
                        }
                    }
                    if (run > 0) out.add(Duration.between(t0, last).toMillis() / 1.0); // the first run warms up
                }
            }
        }
        print("contain, local Graph at " + latencyMs + " ms per request", out);
    }
}
