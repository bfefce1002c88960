package io.aitmdefense.server.engine;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.server.source.FolderSource;
import io.aitmdefense.store.AlertRow;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example tenant streamed file by file through a watched folder into the live pipeline: a run that is
 * abandoned mid-stream (no final snapshot, as after kill -9) and resumed from its last snapshot ends with exactly the
 * alerts and incidents of an uninterrupted run, and both equal the batch run over the same files.
 */
class LivePipelineRestartTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final Instant END = Instant.parse("2100-01-01T00:00:00Z");

    @TempDir
    Path work;

    @Test
    void aRunCutMidStreamAndRestoredEqualsAnUninterruptedRunAndTheBatchRun() throws Exception {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        Enrichment enrichment = Enrichments.load(config, Optional.empty());
        List<Path> files = DemoFeed.files(EXAMPLE.resolve("logs"));
        assertThat(files).hasSizeGreaterThan(5);

        IncidentSet found = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config, enrichment, 2, Progress.NONE).incidents();
        Set<String> batch = new TreeSet<>();
        found.incidents().forEach(i -> i.alerts().forEach(a -> batch.add(a.id())));
        found.notices().forEach(a -> batch.add(a.id()));
        assertThat(batch).as("the example has alerts to compare").hasSizeGreaterThan(5);

        Result whole = stream(work.resolve("whole"), files, config, enrichment, -1);
        for (int cut : List.of(2, files.size() / 2, files.size() - 2)) {
            Result resumed = stream(work.resolve("cut" + cut), files, config, enrichment, cut);
            assertThat(resumed.alerts).as("alerts after a crash at file " + cut).isEqualTo(whole.alerts);
            assertThat(resumed.incidents).as("incidents after a crash at file " + cut).isEqualTo(whole.incidents);
        }
        assertThat(whole.alerts).isEqualTo(batch);
        assertThat(whole.incidents).as("one incident per victim of the example").hasSize(4);
    }

    record Result(Set<String> alerts, Set<String> incidents) {
    }

    /** Feeds the files one by one; at {@code crashAfter} the pipeline is dropped without a last snapshot and a new one resumes. */
    private Result stream(Path dir, List<Path> files, DetectConfig config, Enrichment enrichment, int crashAfter) throws Exception {
        Path inbox = dir.resolve("inbox");
        Files.createDirectories(inbox);
        Database db = Database.embedded(dir.resolve("db"));
        LivePipeline pipeline = pipeline(db, inbox, config, enrichment);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Files.copy(f, inbox.resolve(EXAMPLE.resolve("logs").relativize(f).toString().replace('/', '_')),
                    StandardCopyOption.REPLACE_EXISTING);
            pipeline.runOnce(); // first sight
            pipeline.runOnce(); // settled: read
            pipeline.snapshot();
            if (i == crashAfter) {
                // the next file is read but the process dies before its snapshot: it must be read again
                Path g = files.get(i + 1);
                Files.copy(g, inbox.resolve(EXAMPLE.resolve("logs").relativize(g).toString().replace('/', '_')),
                        StandardCopyOption.REPLACE_EXISTING);
                pipeline.runOnce();
                pipeline.runOnce();
                pipeline.abandon();
                db.close();
                db = Database.embedded(dir.resolve("db"));
                pipeline = pipeline(db, inbox, config, enrichment);
            }
        }
        for (int i = 0; i < 3; i++) pipeline.runOnce();
        pipeline.advanceWatermark(END);
        pipeline.snapshot();
        Set<String> alerts = db.alerts().all().stream().map(AlertRow::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> incidents = db.incidents().list(IncidentQuery.all()).stream()
                .map(r -> r.user() + " " + r.severity()).collect(Collectors.toCollection(TreeSet::new));
        pipeline.close();
        db.close();
        return new Result(alerts, incidents);
    }

    private static LivePipeline pipeline(Database db, Path inbox, DetectConfig config, Enrichment enrichment) throws Exception {
        LivePipeline p = new LivePipeline("", db, List.of(new FolderSource(inbox, Clock.systemUTC())), Catalogue.enabled(config),
                config, enrichment, EngineSettings.from(config).withAllowedLateness(Duration.ofHours(48)),
                Duration.ofDays(1), Clock.systemUTC(), u -> { });
        p.start();
        return p;
    }
}
