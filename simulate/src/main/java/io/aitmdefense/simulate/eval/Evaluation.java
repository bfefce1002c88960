package io.aitmdefense.simulate.eval;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.simulate.truth.GroundTruth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code aitm eval}: runs the detector over a simulated tenant's {@code logs/} with the tenant context a real
 * administrator would configure (taken from truth.json's tenant section) and scores the result against the truth.
 */
public final class Evaluation {

    /** The truth, the detection run it was compared with, and the scores. */
    public record Outcome(GroundTruth truth, DetectionRun.Result detection, EvalReport report) {
    }

    private Evaluation() {
    }

    public static Outcome run(Path simulated, int readerThreads, Progress progress) throws IOException {
        Path truthFile = simulated.resolve("truth.json");
        Path logs = simulated.resolve("logs");
        if (!Files.isRegularFile(truthFile)) {
            throw new IOException(simulated + ": no truth.json; give a folder written by 'aitm simulate --out'");
        }
        if (!Files.isDirectory(logs)) throw new IOException(simulated + ": no logs/ folder beside truth.json");
        GroundTruth truth = GroundTruth.read(truthFile);
        DetectConfig config = DetectConfig.of(truth.tenant().detectSettings());
        Enrichment enrichment = Enrichments.load(config, Optional.empty());
        Duration window = config.incidentWindow();
        Evaluator evaluator = new Evaluator(Evaluator.cases(truth), (long) truth.users() * truth.days(), window);
        RecordLocator records = new RecordLocator(evaluator.attackerRecordIds());
        DetectionRun.Result result = DetectionRun.run(List.of(logs), config, enrichment, readerThreads, progress, records);
        return new Outcome(truth, result, evaluator.score(result.incidents(), records, Catalogue.infos()));
    }
}
