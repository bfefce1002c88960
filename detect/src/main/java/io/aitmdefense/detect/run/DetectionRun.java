package io.aitmdefense.detect.run;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.BatchSettings;
import io.aitmdefense.detect.engine.BatchStats;
import io.aitmdefense.detect.engine.EngineResult;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.engine.TimeOrderedBatch;
import io.aitmdefense.detect.engine.UserDirectory;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.incident.IncidentTracker;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.events.read.EventSink;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One batch detection run over files: the readers' events are collected in a {@link TimeOrderedBatch} and replayed
 * into the engine in event-time order, so none is late however the files are sorted or ordered. Each alert goes from
 * the engine straight into the {@link IncidentTracker}, which also sees every event on its way to the engine (who was at
 * the attackers' addresses, what the account did from them); the incidents are its state once the last alert is in.
 */
public final class DetectionRun {

    /** What was read, how the batch held it, what the engine found and held, and the incidents built from it. */
    public record Result(ReadReport read, BatchStats batch, EngineResult engine, IncidentSet incidents) {
    }

    private DetectionRun() {
    }

    public static Result run(List<Path> inputs, DetectConfig config, Enrichment enrichment, int readerThreads,
                             Progress progress) throws IOException {
        return run(inputs, config, enrichment, readerThreads, BatchSettings.defaults(), progress, e -> { });
    }

    /** As {@link #run(List, DetectConfig, Enrichment, int, Progress)}, holding the batch as {@code batchSettings} say. */
    public static Result run(List<Path> inputs, DetectConfig config, Enrichment enrichment, int readerThreads,
                             BatchSettings batchSettings, Progress progress) throws IOException {
        return run(inputs, config, enrichment, readerThreads, batchSettings, progress, e -> { });
    }

    /**
     * As {@link #run(List, DetectConfig, Enrichment, int, Progress)}, also handing every event read to {@code tap}
     * (from several reader threads at once, so it must be thread-safe): an evaluator learns which log line holds
     * which record id without reading the files twice.
     */
    public static Result run(List<Path> inputs, DetectConfig config, Enrichment enrichment, int readerThreads,
                             Progress progress, EventSink tap) throws IOException {
        return run(inputs, config, enrichment, readerThreads, BatchSettings.defaults(), progress, tap);
    }

    public static Result run(List<Path> inputs, DetectConfig config, Enrichment enrichment, int readerThreads,
                             BatchSettings batchSettings, Progress progress, EventSink tap) throws IOException {
        return run(inputs, config, enrichment, readerThreads, batchSettings, progress, tap, update -> { });
    }

    /**
     * The whole run, handing each incident update to {@code updates} as the tracker makes it (from the engine's
     * threads): the same path a live service takes, with the batch's final watermark at the end.
     */
    public static Result run(List<Path> inputs, DetectConfig config, Enrichment enrichment, int readerThreads,
                             BatchSettings batchSettings, Progress progress, EventSink tap,
                             Consumer<IncidentUpdate> updates) throws IOException {
        IncidentTracker tracker = new IncidentTracker(config, enrichment, updates);
        ReadReport read;
        BatchStats held;
        EngineResult found;
        // a misspelt threshold fails now, not after the files are read
        List<Detection> detections = Catalogue.enabled(config);
        // every UPN ↔ object id pair is learned before any record is keyed: one user, one key, whatever the file order
        UserDirectory users = new UserDirectory();
        try (TimeOrderedBatch batch = new TimeOrderedBatch(batchSettings)) {
            read = new LogReader(readerThreads).read(inputs, e -> {
                batch.accept(e);
                users.learn(e);
                tap.accept(e);
            }, progress);
            users.complete();
            try (LocalEngine engine = LocalEngine.start(detections, enrichment, replaySettings(config), tracker, users)) {
                long[] passed = {0};
                batch.replayInto(e -> {
                    tracker.observe(e);
                    engine.accept(e);
                    // what the attacker addresses can still need lies within the retention of the slowest shard
                    if ((++passed[0] & 0x3FFF) == 0) tracker.expire(engine.processedWatermark());
                }, progress);
                found = engine.finish();
            }
            held = batch.stats();
        }
        return new Result(read, held, found, tracker.snapshot());
    }

    /**
     * The replay comes in event-time order, so no event can be late and the allowed lateness of a live stream would
     * only hold every user's state and every timer that much longer (a day of a tenant's sign-ins at the default).
     * The watermark stays one nanosecond behind the newest event: events sharing its instant still count as on time,
     * and a timer fires only once everything up to its time has arrived.
     */
    static EngineSettings replaySettings(DetectConfig config) {
        return EngineSettings.from(config).withAllowedLateness(Duration.ofNanos(1));
    }
}
