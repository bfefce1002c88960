package io.aitmdefense.simulate;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.AlertOrder;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.events.Event;
import io.aitmdefense.model.Alert;
import io.aitmdefense.simulate.truth.GroundTruth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two simulated tenants' logs in one run: each tenant's context answers for its own records, the result is the two
 * single-tenant runs side by side, and the detection state survives a snapshot and restore at any point between events.
 */
class MultiTenantStateTest {
    @TempDir
    static Path dir;

    static GroundTruth truthA, truthB;
    static DetectConfig both;
    static Enrichment enrichment;
    /** Both tenants' records in the order a batch replay hands them to the engine. */
    static List<Event> events;
    static List<Event> eventsA, eventsB;

    static List<Event> replayOrder(List<Event> in) {
        List<Event> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(Event::time).thenComparing(e -> e.source().file()).thenComparingLong(e -> e.source().line())
                .thenComparingInt(e -> e.source().index()));
        return out;
    }

    @BeforeAll
    static void twoTenants() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        // the same domain and user generator in both: the same user names exist in two tenants
        eventsA = replayOrder(GeneratedTenant.generate(new SimulationSpec(40, 3, 11, 2, List.of(OutputFormat.parse("graph"),
                OutputFormat.parse("ual")), a, SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN)).events());
        eventsB = replayOrder(GeneratedTenant.generate(new SimulationSpec(40, 3, 23, 2, List.of(OutputFormat.parse("eh"),
                OutputFormat.parse("la")), b, SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN)).events());
        List<Event> all = new ArrayList<>(eventsA);
        all.addAll(eventsB);
        events = replayOrder(all);
        truthA = GroundTruth.read(a.resolve("truth.json"));
        truthB = GroundTruth.read(b.resolve("truth.json"));
        assertThat(truthA.tenant().tenantId()).isNotEqualTo(truthB.tenant().tenantId());
        both = DetectConfig.of(Map.of("tenants", List.of(listed(truthA), listed(truthB))));
        enrichment = Enrichments.load(both, Optional.empty());
    }

    /** One tenant as a {@code tenants:} entry of a multi-tenant file. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> listed(GroundTruth truth) {
        Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) truth.tenant().detectSettings().get("tenant"));
        entry.put("id", truth.tenant().tenantId());
        return entry;
    }

    static List<Alert> run(List<Event> input, DetectConfig config) throws IOException {
        List<Alert> out = new ArrayList<>();
        KeyedRuntime rt = new KeyedRuntime(Catalogue.enabled(config), Enrichments.load(config, Optional.empty()), out::add);
        for (Event e : input) {
            rt.process(e);
            rt.advanceWatermark(e.time().minusNanos(1));
        }
        rt.finish();
        out.sort(AlertOrder.DETERMINISTIC);
        return out;
    }

    @Test
    void oneRunOverTwoTenantsGivesEachTenantsOwnAlertsAsItsOwnRunDoes() throws IOException {
        List<Alert> alone = new ArrayList<>(run(eventsA, DetectConfig.of(truthA.tenant().detectSettings())));
        int ofA = alone.size();
        alone.addAll(run(eventsB, DetectConfig.of(truthB.tenant().detectSettings())));
        alone.sort(AlertOrder.DETERMINISTIC);

        List<Alert> together = run(events, both);

        assertThat(ofA).as("tenant A has alerts").isPositive();
        assertThat(alone.size()).as("tenant B has alerts").isGreaterThan(ofA);
        assertThat(together).isEqualTo(alone);
    }

    /** Feeds events {@code from} (inclusive) to {@code to} (exclusive) as the batch replay does: watermark just behind. */
    static void feed(KeyedRuntime rt, int from, int to) {
        for (int i = from; i < to; i++) {
            Event e = events.get(i);
            rt.process(e);
            rt.advanceWatermark(e.time().minusNanos(1));
        }
    }

    static KeyedRuntime runtime(List<Alert> out) {
        return new KeyedRuntime(Catalogue.enabled(both), enrichment, out::add);
    }

    @Test
    void restoringASnapshotAtSixCutPointsGivesExactlyTheAlertsOfTheUninterruptedRun() throws IOException {
        List<Alert> uninterrupted = new ArrayList<>();
        KeyedRuntime straight = runtime(uninterrupted);
        feed(straight, 0, events.size());
        straight.finish();

        int n = events.size();
        int[] cuts = {1, n / 7, 2 * n / 7, n / 2, 4 * n / 5, n - 1};
        List<Alert> resumed = new ArrayList<>();
        KeyedRuntime rt = runtime(resumed);
        int at = 0;
        for (int cut : cuts) {
            feed(rt, at, cut);
            at = cut;
            byte[] snapshot = rt.snapshot();
            rt = runtime(resumed); // a fresh runtime with fresh detection instances: nothing survives but the bytes
            rt.restore(snapshot);
        }
        feed(rt, at, n);
        rt.finish();

        assertThat(uninterrupted).as("the scenario raises alerts of many detections for both tenants").hasSizeGreaterThan(20);
        assertThat(uninterrupted.stream().map(Alert::detectionId).distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void theRestoredEngineHoldsExactlyTheStateOfTheEngineThatRanOnAndAnyShardCountFinishesAlike() throws Exception {
        EngineSettings two = EngineSettings.of(Duration.ofNanos(1), 2).withBatchSize(64);
        int n = events.size(), cut = n / 3, later = 2 * n / 3;
        byte[] position = "file b, line 1234".getBytes(StandardCharsets.UTF_8);

        LocalEngine running = LocalEngine.start(Catalogue.enabled(both), enrichment, two);
        for (int i = 0; i < cut; i++) running.accept(events.get(i));
        byte[] atCut = running.snapshot(position);
        for (int i = cut; i < later; i++) running.accept(events.get(i));
        byte[] ranOn = running.snapshot(new byte[0]);
        for (int i = later; i < n; i++) running.accept(events.get(i));
        List<Alert> all = running.finish().alerts();

        // same settings: the same batches reach the shards after the cut, so the state is the same to the byte
        LocalEngine restored = LocalEngine.restore(Catalogue.enabled(both), enrichment, two, atCut);
        assertThat(restored.sourcePosition()).isEqualTo(position);
        assertThat(restored.watermark()).isEqualTo(events.get(cut - 1).time().minusNanos(1));
        for (int i = cut; i < later; i++) restored.accept(events.get(i));
        assertThat(restored.snapshot(new byte[0])).isEqualTo(ranOn);
        for (int i = later; i < n; i++) restored.accept(events.get(i));
        List<Alert> afterCut = restored.finish().alerts();

        // another shard count batches differently, but decides the same alerts
        LocalEngine wider = LocalEngine.restore(Catalogue.enabled(both), enrichment, two.withShards(3).withBatchSize(7), atCut);
        for (int i = cut; i < n; i++) wider.accept(events.get(i));

        assertThat(afterCut).isNotEmpty();
        assertThat(all).containsAll(afterCut);
        assertThat(wider.finish().alerts()).isEqualTo(afterCut);
    }

    @Test
    void aSnapshotOfAnotherFormatOrDetectionSetIsRefusedWithAClearMessage() {
        KeyedRuntime rt = runtime(new ArrayList<>());
        feed(rt, 0, events.size() / 2);
        byte[] snapshot = rt.snapshot();

        byte[] future = snapshot.clone();
        future[4] = 9; // the engine layout version
        assertThatThrownBy(() -> runtime(new ArrayList<>()).restore(future))
                .hasMessageContaining("engine layout version 9 and this build reads 1");
        assertThatThrownBy(() -> runtime(new ArrayList<>()).restore("not a snapshot".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not an AiTM Defense engine snapshot");

        List<Detection> fewer = Catalogue.enabled(DetectConfig.of(Map.of("detections",
                Map.of("signin-then-persistence", Map.of("enabled", false)))));
        KeyedRuntime without = new KeyedRuntime(fewer, enrichment, a -> { });
        assertThatThrownBy(() -> without.restore(snapshot)).hasMessageContaining("signin-then-persistence");
    }

    @Test
    void theEngineWatermarkAndTimersSurviveSoTimersDueAfterTheCutStillFire() throws IOException {
        // cut just after an attack's first records: its alerts are decided by timers after the cut
        KeyedRuntime rt = runtime(new ArrayList<>());
        feed(rt, 0, events.size() / 2);
        Instant watermark = rt.watermark();
        KeyedRuntime fresh = runtime(new ArrayList<>());
        fresh.restore(rt.snapshot());

        assertThat(fresh.watermark()).isEqualTo(watermark);
        assertThat(fresh.liveKeys()).isEqualTo(rt.liveKeys());
        assertThat(fresh.liveStateEntries()).isEqualTo(rt.liveStateEntries());
        assertThat(fresh.snapshot()).isEqualTo(rt.snapshot());
    }
}
