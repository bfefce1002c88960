package io.aitmdefense.flink.detect;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.events.Event;
import io.aitmdefense.flink.io.RawRecords;
import io.aitmdefense.model.Alert;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant contexts as broadcast state: an update reaching the running function changes what a tenant's users are judged
 * against, as a tenant file saying the same from the start would; a wrong update is refused and detection goes on.
 */
class DetectionFunctionTest {
    static final String FABRIKAM = "5e1f0c3a-7b2d-4c8e-9a61-2f4b8d0e7c15";
    static final String TRUSTED = "{\"id\": \"" + FABRIKAM + "\", \"trustedLocationNames\": [\"Company-Zscaler Trusted Proxy IPs\"],"
            + " \"trustedCidrs\": [\"165.225.0.0/17\", \"3.120.0.0/14\"], \"domains\": [\"contoso.example\"]}";
    static List<Event> events;

    @BeforeAll
    static void fabrikamsEvents() throws Exception {
        events = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("examples/tenant-contoso/logs"))) {
            files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
        for (Path f : files) {
            String text;
            try (var in = new GZIPInputStream(Files.newInputStream(f))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("90b61727-a375-48ac-b538-7ef348a59291", FABRIKAM);
            }
            // a UAL export is a JSON array: as one envelope of its rows
            if (text.stripLeading().startsWith("[")) text = "{\"records\":" + text + "}";
            RawRecords.map(text.getBytes(StandardCharsets.UTF_8), f.getFileName().toString(), events::add);
        }
        events.sort(Comparator.comparing(Event::time));
        assertThat(events).hasSizeGreaterThan(500);
    }

    @Test
    void aTenantUpdateGivesTheRunningJobTheTenantsTrustedNetworks(@TempDir Path dir) throws Exception {
        TenantFile untrusted = TenantFile.read(Path.of("flink/src/test/resources/two-tenants.yaml"));
        Path trustedFile = dir.resolve("trusted.yaml");
        Files.writeString(trustedFile, "tenants:\n  - " + TRUSTED + "\n");
        TreeSet<String> withoutContext = local(untrusted), withContext = local(TenantFile.read(trustedFile));
        assertThat(withContext).as("the context matters to this stream").isNotEqualTo(withoutContext).isNotEmpty();

        assertThat(run(untrusted, List.of())).isEqualTo(withoutContext);
        assertThat(run(untrusted, List.of(TRUSTED))).isEqualTo(withContext);
        assertThat(run(untrusted, List.of("tenants:\n  - " + TRUSTED.replace("\"165.225.0.0/17\"", "\"165.225.0.0/99\""))))
                .as("a wrong update is refused; the previous context stays").isEqualTo(withoutContext);
    }

    /** The alert ids of the function fed the updates first, then the events, then the end of time. */
    private static TreeSet<String> run(TenantFile file, List<String> updates) throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, KeyedEvent, String, Alert> h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DetectionFunction(file, Duration.ZERO), KeyedEvent::key, Types.STRING, DetectionFunction.TENANTS)) {
            for (String u : updates) h.processBroadcastElement(u, 0);
            UserKeying keying = new UserKeying();
            keying.open(DefaultOpenContext.INSTANCE);
            List<KeyedEvent> keyed = new ArrayList<>();
            ListCollector<KeyedEvent> into = new ListCollector<>(keyed);
            for (Event e : events) keying.flatMap(e, into);
            for (KeyedEvent k : keyed) h.processElement(k, k.event().time().toEpochMilli());
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(Long.MAX_VALUE);
            TreeSet<String> ids = new TreeSet<>();
            h.extractOutputValues().forEach(a -> ids.add(a.id()));
            return ids;
        }
    }

    private static TreeSet<String> local(TenantFile file) throws Exception {
        DetectConfig config = file.config();
        LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), Enrichments.load(config, Optional.empty()),
                EngineSettings.of(config.allowedLateness(), 1));
        events.forEach(engine::accept);
        TreeSet<String> ids = new TreeSet<>();
        engine.finish().alerts().forEach(a -> ids.add(a.id()));
        return ids;
    }
}
