package io.aitmdefense.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.server.source.FolderSource;
import io.aitmdefense.server.web.TestConsole;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import io.aitmdefense.store.IncidentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A false positive marked through the API holds: the bundled example streamed again through a fresh engine over the
 * same store raises the marked user's alerts again, and they are stored but reach no incident (the marked one is not
 * updated or reopened, nothing new is opened, nothing is announced), each noted on the marked incident's history; the
 * other users' incidents are raised again as before.
 */
class LivePipelineSuppressionTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
    static final String MARKED = "christie.weber@contoso.example";

    @TempDir
    Path dir;

    @Test
    void theSamePatternAgainOpensNoIncidentForTheMarkedUserButStillForOthers() throws Exception {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        Enrichment enrichment = Enrichments.load(config, Optional.empty());
        try (TestConsole console = new TestConsole(dir.resolve("console"))) {
            List<IncidentUpdate> first = stream(console, "first", config, enrichment).updates;
            List<IncidentRow> incidents = console.db.incidents().list(IncidentQuery.all());
            assertThat(incidents).extracting(IncidentRow::user).contains(MARKED).hasSize(4);
            IncidentRow marked = incidents.stream().filter(r -> r.user().equals(MARKED)).findFirst().orElseThrow();
            long markedAlerts = first.stream().filter(u -> u.incident().id().equals(marked.id()))
                    .flatMap(u -> u.incident().alerts().stream()).map(a -> a.id()).distinct().count();
            assertThat(markedAlerts).isPositive();

            HttpResponse<String> fp = console.post("/api/v1/incidents/" + marked.id() + "/false-positive", console.adminToken,
                    "{\"reason\":\"the user's own travel router\"}");
            assertThat(fp.statusCode()).as(fp.body()).isEqualTo(200);
            int historyBefore = console.db.incidents().history(marked.id()).size();

            Run again = stream(console, "again", config, enrichment);
            assertThat(again.pipeline.suppressedAlerts()).as("the marked user's alerts, held back").isEqualTo(markedAlerts);
            Set<String> raised = again.updates.stream().map(u -> u.incident().user()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(raised).as("the other users' incidents are raised again").hasSize(3).doesNotContain(MARKED);
            assertThat(console.db.incidents().list(IncidentQuery.all())).as("no new incident").hasSize(4);

            List<IncidentStore.IncidentChange> after = console.db.incidents().history(marked.id());
            List<String> since = after.subList(historyBefore, after.size()).stream().map(IncidentStore.IncidentChange::changes).toList();
            assertThat(since).as("only the suppressions are noted on the marked incident").isNotEmpty()
                    .allSatisfy(c -> assertThat(c).startsWith("SUPPRESSED:"));
            JsonNode detail = new ObjectMapper().readTree(console.get("/api/v1/incidents/" + marked.id(), console.adminToken).body());
            assertThat(detail.path("state").path("status").asText()).isEqualTo("false-positive");
            assertThat(detail.path("incident").path("status").asText()).isEqualTo("false-positive");
        }
    }

    record Run(LivePipeline pipeline, List<IncidentUpdate> updates) {
    }

    /** The example's files through a fresh engine (its own snapshot name) over the console's store, to the end. */
    private Run stream(TestConsole console, String name, DetectConfig config, Enrichment enrichment) throws Exception {
        Path inbox = dir.resolve(name);
        Files.createDirectories(inbox);
        List<IncidentUpdate> updates = new CopyOnWriteArrayList<>();
        LivePipeline pipeline = new LivePipeline(name, console.db, List.of(new FolderSource(inbox, Clock.systemUTC())),
                Catalogue.enabled(config), config, enrichment, EngineSettings.from(config).withAllowedLateness(Duration.ofHours(48)),
                Duration.ofDays(1), Clock.systemUTC(), updates::add);
        pipeline.start();
        List<Path> files = DemoFeed.files(EXAMPLE.resolve("logs"));
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            Files.copy(f, inbox.resolve(EXAMPLE.resolve("logs").relativize(f).toString().replace('/', '_')),
                    StandardCopyOption.REPLACE_EXISTING);
            pipeline.runOnce();
            pipeline.runOnce();
        }
        for (int i = 0; i < 3; i++) pipeline.runOnce();
        pipeline.advanceWatermark(END);
        pipeline.snapshot();
        pipeline.close();
        return new Run(pipeline, updates);
    }
}
