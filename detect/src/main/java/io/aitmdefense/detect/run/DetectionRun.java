package io.aitmdefense.detect.run;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.BatchSettings;
import io.aitmdefense.detect.engine.BatchStats;
import io.aitmdefense.detect.engine.EngineResult;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.engine.TimeOrderedBatch;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.incident.AttackerActivityLog;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.detect.incident.SightingLog;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.read.EventSink;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One batch detection run over files: the readers' events are collected in a {@link TimeOrderedBatch} and replayed
 * into the engine in event-time order, so none is late however the files are sorted or ordered; the engine's alerts
 * become incidents, and the users seen from the attackers' addresses complete the campaign view.
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
        SightingLog sightings = new SightingLog();
        AttackerActivityLog activity = new AttackerActivityLog();
        ReadReport read;
        BatchStats held;
        EngineResult found;
        try (TimeOrderedBatch batch = new TimeOrderedBatch(batchSettings)) {
            read = new LogReader(readerThreads).read(inputs, e -> {
                batch.accept(e);
                tap.accept(e);
            }, progress);
            try (LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), enrichment, replaySettings(config))) {
                batch.replayInto(engine, progress);
                found = engine.finish();
            }
            held = batch.stats();
            // who else was at the attacker's addresses, and what the account did from them: once the alerts name the
            // addresses, a second pass over the encoded events finds them without keeping every user × address
            Set<String> addresses = attackerAddresses(found.alerts());
            if (!addresses.isEmpty()) {
                batch.rescan(e -> {
                    if (addresses.contains(address(e))) {
                        sightings.add(e);
                        activity.add(e);
                    }
                });
            }
        }
        IncidentSet built = new IncidentBuilder(config, enrichment).build(found.alerts(), sightings.sightings());
        Duration window = config.incidents().duration("window", Duration.ofHours(24));
        IncidentSet incidents = new IncidentSet(built.incidents().stream()
                .map(i -> i.withAttackerActivity(activity.of(i, window))).toList(), built.campaigns(), built.notices());
        return new Result(read, held, found, incidents);
    }

    private static Set<String> attackerAddresses(List<Alert> alerts) {
        Set<String> out = new HashSet<>();
        for (Alert a : alerts) for (String ip : a.infrastructure().ips()) out.add(ip.trim());
        return out;
    }

    /** The address an event came from, as the sighting and activity logs read it. */
    private static String address(Event e) {
        String ip;
        if (e instanceof SignIn s) ip = s.ip();
        else if (e instanceof OfficeActivity o) ip = o.ip();
        else if (e instanceof DirectoryAudit d) ip = d.actor().ip();
        else ip = "";
        return ip.trim();
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
