package io.aitmdefense.server.fault;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.store.AlertRow;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code kill -9}: the service runs in a process of its own ({@link ServeProcess}) while the example tenant
 * streams into its watched folder; the process is killed ({@code destroyForcibly}, SIGKILL) at seeded random moments
 * and started again. The store ends with exactly the batch run's alerts — none lost, none twice — and its incidents.
 */
class KillDashNineTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");

    @TempDir
    Path dir;

    @Test
    void killedTwiceMidStreamTheStoreEndsWithTheUninterruptedRunsAlertsAndIncidents() throws Exception {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        IncidentSet batch = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config, Enrichments.load(config, Optional.empty()),
                2, Progress.NONE).incidents();
        Set<String> batchAlerts = new TreeSet<>();
        batch.incidents().forEach(i -> i.alerts().forEach(a -> batchAlerts.add(a.id())));
        batch.notices().forEach(a -> batchAlerts.add(a.id()));
        Map<String, String> batchIncidents = new TreeMap<>();
        batch.incidents().forEach(i -> batchIncidents.put(i.user(), i.severity().label()));
        assertThat(batchAlerts).hasSizeGreaterThan(5);

        List<Path> files = DemoFeed.files(EXAMPLE.resolve("logs"));
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Random random = new Random(20260108L);
        Set<Integer> killAfter = Set.of(1 + random.nextInt(4), 6 + random.nextInt(4));
        int kills = 0;
        Process serve = start(inbox, "run");
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Path part = inbox.resolve("." + i + ".part");
            Files.copy(f, part);
            Files.move(part, inbox.resolve(EXAMPLE.resolve("logs").relativize(f).toString().replace('/', '_')),
                    StandardCopyOption.ATOMIC_MOVE);
            if (killAfter.contains(i)) {
                // a snapshot after this file landed, then a seeded random moment later: mid-read, mid-snapshot or idle
                awaitSnapshots(starts, snapshotsSeen(starts) + 2);
                Thread.sleep(random.nextInt(700));
                serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                kills++;
                serve = start(inbox, "run");
            } else {
                Thread.sleep(300);
            }
        }
        serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        kills++;
        Process finish = start(inbox, "finish");
        assertThat(finish.waitFor(120, TimeUnit.SECONDS)).as("the finishing run ends by itself").isTrue();
        assertThat(finish.exitValue()).isZero();
        assertThat(kills).isEqualTo(3);

        try (Database db = Database.embedded(dir.resolve("data").resolve("db"))) {
            List<String> stored = db.alerts().all().stream().map(AlertRow::id).toList();
            assertThat(new TreeSet<>(stored)).as("alerts after three kill -9").isEqualTo(batchAlerts);
            assertThat(stored).as("no alert twice").doesNotHaveDuplicates();
            Map<String, String> incidents = new TreeMap<>();
            List<IncidentRow> rows = db.incidents().list(IncidentQuery.all());
            rows.forEach(r -> incidents.put(r.user(), r.severity()));
            assertThat(rows).as("one incident per victim").hasSize(batchIncidents.size());
            assertThat(incidents).isEqualTo(batchIncidents);
            for (IncidentRow r : rows) {
                Set<String> alertIds = batch.incidents().stream().filter(i -> i.user().equals(r.user())).findFirst().orElseThrow()
                        .alerts().stream().map(a -> a.id()).collect(Collectors.toSet());
                assertThat(alertIds).as(r.user()).allSatisfy(id -> assertThat(r.body()).contains(id));
            }
        }
    }

    private int starts;
    private Process current;

    /** A failed test leaves no service running behind it. */
    @org.junit.jupiter.api.AfterEach
    void stopTheService() {
        if (current != null) current.destroyForcibly();
    }

    private Path log(int start) {
        return dir.resolve("serve-" + start + ".log");
    }

    /** Snapshot lines the current process has printed. */
    private long snapshotsSeen(int start) throws Exception {
        Path f = log(start);
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> l.startsWith("snapshot ")).count() : 0;
    }

    private void awaitSnapshots(int start, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (snapshotsSeen(start) < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("the service took no snapshot in 90 s: " + Files.readString(log(start)));
            Thread.sleep(50);
        }
    }

    private Process start(Path inbox, String mode) throws Exception {
        starts++;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ServeProcess.class.getName(), dir.resolve("data").toString(), inbox.toString(),
                EXAMPLE.resolve("tenant.yaml").toString(), mode));
        current = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(starts).toFile()).start();
        return current;
    }
}
