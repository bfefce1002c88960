package io.aitmdefense.server.canary;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.store.CanaryLog;
import io.aitmdefense.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example's first campaign with a canary hit added: the kit (at 146.70.186.172) fetched the proxied
 * sign-in page 71 s before Lara Fischer's credentials went through it.
 */
class CanaryWatchTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final String TENANT = "90b61727-a375-48ac-b538-7ef348a59291";
    static final Instant HIT = Instant.parse("2026-01-08T18:10:30Z");

    @TempDir
    Path dir;

    @Test
    void aHitNamesTheProxyingDomainAndTheSignInThatFollowsNamesTheUserAtRiskWhicheverArrivesFirst() throws Exception {
        List<Event> events = exampleSignIns();
        assertThat(events).as("the example's sign-ins were read").hasSizeGreaterThan(100);
        for (boolean hitFirst : new boolean[]{true, false}) {
            try (Database db = Database.embedded(dir.resolve("db-" + hitFirst))) {
                CanaryWatch watch = new CanaryWatch(db.canaries(), TENANT, enrichment(), Clock.fixed(HIT, ZoneOffset.UTC));
                watch.restore("");
                List<Alert> alerts = new ArrayList<>();
                db.canaries().ensure(TENANT, HIT);
                if (hitFirst) {
                    keepHit(db);
                    watch.poll(alerts::add);
                    events.forEach(e -> watch.observe(e, alerts::add));
                } else {
                    events.forEach(e -> watch.observe(e, alerts::add));
                    keepHit(db);
                    watch.poll(alerts::add);
                }
                assertThat(alerts).filteredOn(a -> a.userKey().startsWith("canary:")).singleElement().satisfies(a -> {
                    assertThat(a.user()).isEqualTo("login.micros0ft-auth.example");
                    assertThat(a.infrastructure().ips()).containsExactly("146.70.186.172");
                    assertThat(a.evidence().get(0).record().idKind()).isEqualTo(RecordIdKind.CANARY_HIT_ID);
                });
                assertThat(alerts).filteredOn(a -> !a.userKey().startsWith("canary:"))
                        .extracting(Alert::user).containsExactly("lara.fischer@contoso.example");
                Alert atRisk = alerts.stream().filter(a -> a.user().startsWith("lara")).findFirst().orElseThrow();
                assertThat(atRisk.userKey()).isEqualTo(TENANT + "/lara.fischer@contoso.example");
                assertThat(atRisk.evidence()).extracting(e -> e.record().recordId())
                        .contains("ffaa9ace-b693-4ccc-98d2-6582301dc777");
                assertThat(atRisk.explanation()).contains("71 s after");
            }
        }
    }

    @Test
    void aRestartResumesAfterTheLastHitReadAndStillCorrelatesTheOnesBeforeIt() throws Exception {
        List<Event> events = exampleSignIns();
        try (Database db = Database.embedded(dir)) {
            db.canaries().ensure(TENANT, HIT);
            keepHit(db);
            CanaryWatch first = new CanaryWatch(db.canaries(), TENANT, enrichment(), Clock.fixed(HIT, ZoneOffset.UTC));
            first.restore("");
            List<Alert> before = new ArrayList<>();
            first.poll(before::add);
            assertThat(before).hasSize(1);

            CanaryWatch second = new CanaryWatch(db.canaries(), TENANT, enrichment(), Clock.fixed(HIT, ZoneOffset.UTC));
            second.restore(first.position());
            List<Alert> after = new ArrayList<>();
            assertThat(second.poll(after::add)).as("the hit is not read twice").isZero();
            events.forEach(e -> second.observe(e, after::add));
            assertThat(after).extracting(Alert::user).containsExactly("lara.fischer@contoso.example");
        }
    }

    private static void keepHit(Database db) {
        db.canaries().keep(TENANT, HIT, "146.70.186.172", "login.micros0ft-auth.example",
                "https://login.micros0ft-auth.example/common/oauth2", "", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
    }

    private static Enrichment enrichment() throws Exception {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        return Enrichments.load(config, Optional.empty());
    }

    private static List<Event> exampleSignIns() throws Exception {
        List<Event> out = Collections.synchronizedList(new ArrayList<>());
        new LogReader(1).read(List.of(EXAMPLE.resolve("logs")), e -> {
            if (e instanceof SignIn) out.add(e);
        }, Progress.NONE);
        List<Event> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Event::time));
        return sorted;
    }
}
