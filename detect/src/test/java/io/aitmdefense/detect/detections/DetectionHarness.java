package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs detections through the real {@link KeyedRuntime}, so a detection test exercises the same keyed state,
 * timers and enrichment as the local engine and the Flink adapter rather than a stand-in.
 */
final class DetectionHarness {
    private final List<Detection> detections;
    private final Enrichment enrichment;

    private DetectionHarness(List<Detection> detections, Enrichment enrichment) {
        this.detections = List.copyOf(detections);
        this.enrichment = enrichment;
    }

    /** No tenant context and no ASN data: only what the events themselves carry. */
    static DetectionHarness of(Detection... detections) {
        return new DetectionHarness(List.of(detections), new CuratedEnrichment(TenantContext.EMPTY, AsnDatabase.EMPTY));
    }

    DetectionHarness withTenant(TenantContext tenant) {
        return new DetectionHarness(detections, new CuratedEnrichment(tenant, AsnDatabase.EMPTY));
    }

    DetectionHarness withEnrichment(Enrichment enrichment) {
        return new DetectionHarness(detections, enrichment);
    }

    /** A runtime to drive by hand, for tests that watch the watermark or the live state. */
    KeyedRuntime runtime(Consumer<Alert> out) {
        return new KeyedRuntime(detections, enrichment, out);
    }

    /** Feeds the events in the given order, then finishes (firing every pending timer). */
    List<Alert> run(List<? extends Event> events) {
        List<Alert> out = new ArrayList<>();
        KeyedRuntime rt = runtime(out::add);
        events.forEach(rt::process);
        rt.finish();
        return out;
    }

    /**
     * Feeds events as a live source would: each arrives up to {@code lateness} after its event time (random but
     * seeded), and the watermark trails the newest event by {@code lateness}, so timers fire mid-stream.
     */
    List<Alert> runJittered(List<Event> events, long seed, Duration lateness) {
        Random random = new Random(seed);
        record Arrival(Event event, long at) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (Event e : events) arrivals.add(new Arrival(e, e.time().toEpochMilli() + (long) (random.nextDouble() * lateness.toMillis())));
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        List<Alert> out = new ArrayList<>();
        KeyedRuntime rt = runtime(out::add);
        Instant newest = Instant.MIN;
        for (Arrival a : arrivals) {
            rt.process(a.event());
            if (a.event().time().isAfter(newest)) newest = a.event().time();
            rt.advanceWatermark(newest.minus(lateness));
        }
        rt.finish();
        return out;
    }

    /**
     * Results must not depend on arrival order: a live feed (each event up to {@code lateness} late, seeded) and a
     * seeded shuffle must both raise exactly {@code inOrder}, the sorted alerts of the in-order run.
     */
    void assertArrivalOrderDoesNotMatter(List<Event> events, long seed, Duration lateness, List<Alert> inOrder) {
        assertThat(sorted(runJittered(events, seed, lateness))).isEqualTo(inOrder);
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(sorted(run(shuffled))).isEqualTo(inOrder);
    }

    /** A stable order for comparing the alerts of two runs whose arrival order differed. */
    static List<Alert> sorted(List<Alert> alerts) {
        List<Alert> copy = new ArrayList<>(alerts);
        copy.sort(Comparator.comparing(Alert::user).thenComparing(Alert::start).thenComparing(Alert::explanation));
        return copy;
    }
}
