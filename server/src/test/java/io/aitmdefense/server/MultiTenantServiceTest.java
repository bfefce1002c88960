package io.aitmdefense.server;

import io.aitmdefense.server.demo.DemoFeed;
import io.aitmdefense.store.AlertRow;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tenants in one serve file, each with its tenant file and watched folder, fed the same attack: Fabrikam's copy of
 * the example names Fabrikam's tenant id. The same-named users stay two users — two incidents each, with their own
 * tenant and alerts — and each tenant's engine keeps a snapshot of its own.
 */
class MultiTenantServiceTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final String CONTOSO = "90b61727-a375-48ac-b538-7ef348a59291";
    static final String FABRIKAM = "3f2c8e41-7a1b-4c5d-9e6f-0a1b2c3d4e5f";

    @TempDir
    Path dir;

    @Test
    void theSameNamedUserInTwoTenantsStaysTwoUsers() throws Exception {
        Files.copy(EXAMPLE.resolve("tenant.yaml"), dir.resolve("contoso.yaml"));
        Files.copy(EXAMPLE.resolve("tenant.yaml"), dir.resolve("fabrikam.yaml"));
        Path serve = Files.writeString(dir.resolve("serve.yaml"), """
                data: data
                listen: 127.0.0.1:0
                engine: {allowedLateness: 48h, snapshotEvery: 10s, pollEvery: PT0.5S, idleAfter: 5s}
                tenants:
                  - {name: contoso, config: contoso.yaml, sources: [{type: folder, path: inbox-contoso}]}
                  - {name: fabrikam, config: fabrikam.yaml, sources: [{type: folder, path: inbox-fabrikam}]}
                """);
        try (Service service = Service.start(ServeSettings.load(serve), Clock.systemUTC(), u -> { })) {
            Thread run = service.runInBackground();
            new DemoFeed(EXAMPLE.resolve("logs"), dir.resolve("inbox-contoso"), Duration.ZERO, m -> { }).run();
            feedAs(FABRIKAM, dir.resolve("inbox-fabrikam"));
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (incidents(service).size() < 8 && System.nanoTime() < deadline) Thread.sleep(250);
            service.stop();
            run.join(10_000);

            List<IncidentRow> lukas = incidents(service).stream().filter(i -> i.user().equals("lukas.vance@contoso.example")).toList();
            assertThat(lukas).extracting(IncidentRow::tenant).containsExactlyInAnyOrder(CONTOSO, FABRIKAM);
            assertThat(lukas.get(0).id()).isNotEqualTo(lukas.get(1).id());
            assertThat(incidents(service)).as("four victims in each tenant").hasSize(8);
            for (IncidentRow i : incidents(service)) {
                List<AlertRow> alerts = service.database().alerts().all().stream().filter(a -> i.body().contains(a.id())).toList();
                assertThat(alerts).as(i.id()).isNotEmpty().allSatisfy(a -> assertThat(a.tenant()).isEqualTo(i.tenant()));
            }
            assertThat(service.pipelines()).extracting(p -> p.tenant()).containsExactly("contoso", "fabrikam");
            service.pipelines().forEach(p -> assertThat(p.snapshot()).isTrue());
            assertThat(service.database().snapshots().latest("engine:contoso")).isPresent();
            assertThat(service.database().snapshots().latest("engine:fabrikam")).isPresent();
        }
    }

    /** The example's files with its tenant id replaced, as another tenant's exports of the same attack would read. */
    private static void feedAs(String tenant, Path inbox) throws Exception {
        Files.createDirectories(inbox);
        for (Path f : DemoFeed.files(EXAMPLE.resolve("logs"))) {
            String text;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path part = inbox.resolve(".part");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(part))) {
                out.write(text.replace(CONTOSO, tenant).getBytes(StandardCharsets.UTF_8));
            }
            Files.move(part, inbox.resolve(EXAMPLE.resolve("logs").relativize(f).toString().replace('/', '_')));
        }
    }

    private static List<IncidentRow> incidents(Service service) {
        return service.database().incidents().list(IncidentQuery.all());
    }
}
