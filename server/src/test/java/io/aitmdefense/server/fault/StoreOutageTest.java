package io.aitmdefense.server.fault;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.server.engine.LivePipeline;
import io.aitmdefense.server.source.FolderSource;
import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.store.AlertRow;
import io.aitmdefense.store.Database;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The database goes away mid-stream (an H2 server stopped, as a PostgreSQL server would be): the pipeline stops
 * reading — its source's position stays where the store last took a snapshot. When the database is back (the same
 * file, opened by a restarted service) the pipeline resumes from that snapshot and ends with every alert of the batch
 * run. Reconnecting in the same process is not covered: a restarted H2 TCP server answers 90121 (database closed).
 */
class StoreOutageTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");

    @TempDir
    Path dir;

    @Test
    void whileTheDatabaseIsDownNothingIsReadAndWhenItReturnsNothingIsLost() throws Exception {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        Enrichment enrichment = Enrichments.load(config, Optional.empty());
        IncidentSet batch = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config, enrichment, 2, Progress.NONE).incidents();
        Set<String> batchAlerts = new TreeSet<>();
        batch.incidents().forEach(i -> i.alerts().forEach(a -> batchAlerts.add(a.id())));
        batch.notices().forEach(a -> batchAlerts.add(a.id()));
        assertThat(batchAlerts).hasSizeGreaterThan(5);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] serverArgs = {"-tcp", "-tcpPort", String.valueOf(port), "-baseDir", dir.resolve("h2").toString(), "-ifNotExists"};
        Server h2 = Server.createTcpServer(serverArgs).start();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        FolderSource source = new FolderSource(inbox, Clock.systemUTC());
        List<Path> files = DemoFeed.files(EXAMPLE.resolve("logs"));
        int half = files.size() / 2;
        try (Database db = Database.open("jdbc:h2:tcp://127.0.0.1:" + port + "/aitm;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH")) {
            LivePipeline pipeline = new LivePipeline("", db, List.of(source), Catalogue.enabled(config), config, enrichment,
                    EngineSettings.from(config).withAllowedLateness(Duration.ofHours(48)), Duration.ofDays(1),
                    Clock.systemUTC(), u -> { });
            pipeline.start();
            for (Path f : files.subList(0, half)) {
                copy(f, inbox);
                pipeline.runOnce();
                pipeline.runOnce();
            }
            assertThat(pipeline.snapshot()).isTrue();
            long before = delivered(pipeline);
            String position = source.position();

            h2.stop();
            assertThat(pipeline.snapshot()).as("a snapshot fails while the database is down").isFalse();
            for (Path f : files.subList(half, files.size())) copy(f, inbox);
            assertThat(pipeline.runOnce()).isZero();
            assertThat(pipeline.runOnce()).isZero();
            assertThat(pipeline.storeError()).isPresent();
            assertThat(delivered(pipeline)).as("nothing read while the store is away").isEqualTo(before);
            assertThat(source.position()).as("the position does not move").isEqualTo(position);

            pipeline.close(); // its last snapshot fails too: nothing of the outage is written anywhere
        } finally {
            h2.stop();
        }
        // the store is back (here: the same database file, opened by a restarted service): the pipeline resumes from
        // the last snapshot the store took, reads what came during the outage, and ends with every alert
        try (Database db = Database.embedded(dir.resolve("h2"))) {
            FolderSource again = new FolderSource(inbox, Clock.systemUTC());
            LivePipeline pipeline = new LivePipeline("", db, List.of(again), Catalogue.enabled(config), config, enrichment,
                    EngineSettings.from(config).withAllowedLateness(Duration.ofHours(48)), Duration.ofDays(1),
                    Clock.systemUTC(), u -> { });
            pipeline.start();
            int read = 0;
            for (int i = 0; i < 3; i++) read += pipeline.runOnce();
            assertThat(read).as("the files that came during the outage").isPositive();
            pipeline.advanceWatermark(Instant.parse("2100-01-01T00:00:00Z"));
            assertThat(pipeline.snapshot()).isTrue();
            Set<String> stored = db.alerts().all().stream().map(AlertRow::id).collect(Collectors.toCollection(TreeSet::new));
            assertThat(stored).isEqualTo(batchAlerts);
            pipeline.close();
        }
    }

    private static long delivered(LivePipeline p) {
        return p.sourceStatus().stream().mapToLong(SourceStatus::delivered).sum();
    }

    private static void copy(Path f, Path inbox) throws Exception {
        Files.copy(f, inbox.resolve(EXAMPLE.resolve("logs").relativize(f).toString().replace('/', '_')));
    }
}
