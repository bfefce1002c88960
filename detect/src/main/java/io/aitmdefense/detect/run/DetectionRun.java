package io.aitmdefense.detect.run;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineResult;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.incident.AttackerActivityLog;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.detect.incident.IncidentSet;
import io.aitmdefense.detect.incident.SightingLog;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One batch detection run over files: the readers stream events into the engine, the engine's alerts become
 * incidents, and the users seen from the attackers' addresses complete the campaign view.
 */
public final class DetectionRun {

    /** What was read, what the engine found and held, and the incidents built from it. */
    public record Result(ReadReport read, EngineResult engine, IncidentSet incidents) {
    }

    private DetectionRun() {
    }

    public static Result run(List<Path> inputs, DetectConfig config, Enrichment enrichment, int readerThreads,
                             Progress progress) throws IOException {
        SightingLog sightings = new SightingLog();
        AttackerActivityLog activity = new AttackerActivityLog();
        ReadReport read;
        EngineResult found;
        try (LocalEngine engine = LocalEngine.start(Catalogue.enabled(config), enrichment, EngineSettings.from(config))) {
            read = new LogReader(readerThreads).read(inputs, e -> {
                sightings.add(e);
                activity.add(e);
                engine.accept(e);
            }, progress);
            found = engine.finish();
        }
        IncidentSet built = new IncidentBuilder(config, enrichment).build(found.alerts(), sightings.sightings());
        Duration window = config.incidents().duration("window", Duration.ofHours(24));
        IncidentSet incidents = new IncidentSet(built.incidents().stream()
                .map(i -> i.withAttackerActivity(activity.of(i, window))).toList(), built.campaigns());
        return new Result(read, found, incidents);
    }
}
