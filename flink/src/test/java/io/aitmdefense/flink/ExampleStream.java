package io.aitmdefense.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.flink.detect.TenantFile;
import io.aitmdefense.flink.io.Message;
import io.aitmdefense.flink.io.RawRecords;
import io.aitmdefense.model.Alert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The bundled example tenant as a live multi-tenant stream: every record of its logs once as contoso and once as a
 * second tenant (the tenant id rewritten in the record's text), one record per message, in time order shuffled within
 * a bound well inside the allowed lateness. And the local engine's alerts for the same messages, the reference.
 */
final class ExampleStream {
    static final Path LOGS = Path.of("examples/tenant-contoso/logs");
    static final Path TENANTS = Path.of("flink/src/test/resources/two-tenants.yaml");
    static final String CONTOSO = "90b61727-a375-48ac-b538-7ef348a59291";
    static final String FABRIKAM = "5e1f0c3a-7b2d-4c8e-9a61-2f4b8d0e7c15";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleStream() {
    }

    /** Every record of the example as its own message, for both tenants, each tagged with its file and position. */
    static List<Timed> records() throws IOException {
        List<Timed> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(LOGS)) {
            files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
        if (files.isEmpty()) throw new IllegalStateException("no example logs under " + LOGS.toAbsolutePath());
        for (Path f : files) {
            JsonNode tree;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                tree = JSON.readTree(in);
            }
            JsonNode rows = tree.isArray() ? tree : tree.get("records");
            String name = LOGS.relativize(f).toString();
            for (int i = 0; i < rows.size(); i++) {
                String text = JSON.writeValueAsString(rows.get(i));
                Instant t = time(text);
                if (t == null) continue;
                out.add(new Timed(t, new Message(name + "#" + i, text)));
                out.add(new Timed(t, new Message("fabrikam/" + name + "#" + i, text.replace(CONTOSO, FABRIKAM))));
            }
        }
        return out;
    }

    /** The records in time order, each moved by up to {@code jitterMinutes} (seeded): arrival order of a live stream. */
    static List<Message> shuffled(List<Timed> records, long seed, int jitterMinutes) {
        Random r = new Random(seed);
        List<Timed> jittered = new ArrayList<>();
        for (Timed t : records) jittered.add(new Timed(t.time().plusSeconds(r.nextInt(jitterMinutes * 60 + 1)), t.message()));
        jittered.sort(Comparator.comparing(Timed::time));
        return jittered.stream().map(Timed::message).toList();
    }

    /** Groups consecutive messages into Event Hubs envelopes of {@code size} records. */
    static List<String> envelopes(List<Message> messages, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += size) {
            StringBuilder b = new StringBuilder("{\"records\":[");
            for (int j = i; j < Math.min(messages.size(), i + size); j++) b.append(j > i ? "," : "").append(messages.get(j).value());
            out.add(b.append("]}").toString());
        }
        return out;
    }

    static TenantFile tenantFile() throws IOException {
        return TenantFile.read(TENANTS);
    }

    /** The local engine's alerts for the messages in this order, mapped as the job maps them. */
    static List<Alert> localAlerts(List<Message> messages, TenantFile file) throws IOException {
        DetectConfig config = file.config();
        LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), Enrichments.load(config, Optional.empty()),
                EngineSettings.of(config.allowedLateness(), 2));
        for (Message m : messages) RawRecords.map(m.value().getBytes(java.nio.charset.StandardCharsets.UTF_8), m.where(), engine::accept);
        return engine.finish().alerts();
    }

    /** A record's event time as the job will see it; null for a record that maps to no event. */
    private static Instant time(String text) {
        List<Instant> times = new ArrayList<>();
        RawRecords.map(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "", e -> times.add(e.time()));
        return times.isEmpty() ? null : times.get(0);
    }

    record Timed(Instant time, Message message) {
    }
}
