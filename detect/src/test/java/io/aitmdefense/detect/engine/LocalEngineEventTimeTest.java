package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.events.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Watermark, lateness, timers and backpressure of the local engine. */
class LocalEngineEventTimeTest {
    static final Duration LATENESS = Duration.ofHours(24);
    static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    /** A replayed session for {@code upn}: proxy sign-in, then the attacker's browser from another network. */
    static List<Event> replay(String upn, Instant at) {
        List<Event> out = new ArrayList<>();
        EngineScenarios.attack(out, upn, 7, 0, at);
        return out;
    }

    static List<Event> benignDays(String upn, int days) {
        List<Event> out = new ArrayList<>();
        Random r = new Random(3);
        for (int d = 0; d < days; d++) EngineScenarios.workingDay(out, r, upn, 1, T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(d)));
        out.sort(java.util.Comparator.comparing(Event::time));
        return out;
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 4})
    void eventsOlderThanTheAllowedLatenessAreCountedAndDropped(int shards) {
        List<Event> traffic = benignDays("ann@contoso.example", 4);
        Instant newest = traffic.get(traffic.size() - 1).time();
        List<Event> lateReplay = replay("bob@contoso.example", newest.minus(Duration.ofHours(27)));
        List<Event> input = new ArrayList<>(traffic);
        input.addAll(lateReplay);

        EngineResult r = Feeding.inOrder(input, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, shards));

        assertThat(r.stats().events()).isEqualTo(input.size());
        assertThat(r.stats().lateEvents()).isEqualTo(lateReplay.size());
        assertThat(r.alerts()).extracting(Alert::user).doesNotContain("bob@contoso.example");
        // the same replay in time is detected: it was dropped for being late, not for what it is
        List<Event> inTime = new ArrayList<>(lateReplay);
        inTime.addAll(traffic);
        assertThat(Feeding.inOrder(inTime, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, shards)).alerts())
                .extracting(Alert::user).contains("bob@contoso.example");
    }

    @Test
    void anEventExactlyAtTheWatermarkIsNotLate() {
        LocalEngine engine = LocalEngine.start(List.of(new Probes.TimerAlert(Duration.ZERO)), EngineScenarios.enrichment(),
                EngineSettings.of(LATENESS, 2));
        engine.accept(EngineScenarios.benignSignIn("ann@contoso.example", T0.plus(LATENESS)).build());
        assertThat(engine.watermark()).isEqualTo(T0);
        engine.accept(EngineScenarios.benignSignIn("bob@contoso.example", T0).build());
        engine.accept(EngineScenarios.benignSignIn("cid@contoso.example", T0.minusMillis(1)).build());

        EngineResult r = engine.finish();

        assertThat(r.stats().lateEvents()).isEqualTo(1);
        assertThat(r.alerts()).extracting(Alert::user).containsExactly("bob@contoso.example", "ann@contoso.example");
    }

    @Test
    void timersStillPendingAtTheEndFireWhenTheRunFinishes() {
        List<Event> input = replay("bob@contoso.example", T0);

        EngineResult r = Feeding.inOrder(input, List.of(new Probes.TimerAlert(Duration.ofDays(365)),
                new io.aitmdefense.detect.detections.SessionReplayDetection(io.aitmdefense.detect.config.DetectConfig.defaults())),
                EngineSettings.of(LATENESS, 2));

        // the input spans minutes, so the watermark never reached any timer before the end
        assertThat(r.alerts()).filteredOn(a -> a.detectionId().equals("probe-timer"))
                .hasSize(input.size())
                .allSatisfy(a -> assertThat(a.explanation()).isEqualTo("fired at watermark " + Instant.MAX));
        assertThat(r.alerts()).extracting(Alert::detectionId).contains("session-replay");
    }

    @Test
    void finishingTwiceGivesTheSameResultAndLaterEventsAreRefused() {
        LocalEngine engine = LocalEngine.start(List.of(new Probes.TimerAlert(Duration.ZERO)), EngineScenarios.enrichment(),
                EngineSettings.of(LATENESS, 2));
        engine.accept(EngineScenarios.benignSignIn("ann@contoso.example", T0).build());
        EngineResult first = engine.finish();

        assertThat(engine.finish()).isSameAs(first);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        engine.accept(EngineScenarios.benignSignIn("ann@contoso.example", T0).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
    }

    /** Records, per shard thread, every watermark a detection sees, and every timer it registers and gets. */
    static final class WatermarkProbe implements Detection {
        final Map<String, List<Instant>> seenByThread = new ConcurrentHashMap<>();
        final Set<String> registered = ConcurrentHashMap.newKeySet();
        final Set<String> fired = ConcurrentHashMap.newKeySet();
        final AtomicInteger eventsBehindWatermark = new AtomicInteger();
        final AtomicInteger timersBeforeTheirTime = new AtomicInteger();

        @Override
        public DetectionInfo info() {
            return Probes.describe("probe-watermark");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            see(ctx);
            if (event.time().isBefore(ctx.watermark())) eventsBehindWatermark.incrementAndGet();
            Instant at = event.time().plus(Duration.ofMinutes(90)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            registered.add(ctx.user() + "@" + at);
            ctx.registerTimer(at);
        }

        @Override
        public void onTimer(Instant time, Context ctx) {
            see(ctx);
            if (time.isAfter(ctx.watermark())) timersBeforeTheirTime.incrementAndGet();
            fired.add(ctx.user() + "@" + time);
        }

        private void see(Context ctx) {
            seenByThread.computeIfAbsent(Thread.currentThread().getName(), k -> new ArrayList<>()).add(ctx.watermark());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 17, 2025})
    void everyShardSeesAMonotoneWatermarkAndEveryTimerFiresOnce(long seed) throws Exception {
        WatermarkProbe probe = new WatermarkProbe();
        List<Event> events = EngineScenarios.tenant(seed, 20, 5);

        EngineResult r = Feeding.fromFiles(events, seed, 3, Duration.ofHours(12), Duration.ofHours(6),
                List.of(probe), EngineSettings.of(LATENESS, 4).withBatchSize(8));

        assertThat(r.stats().lateEvents()).isZero();
        assertThat(probe.seenByThread).hasSize(4);
        probe.seenByThread.values().forEach(seen -> {
            assertThat(seen).isSortedAccordingTo(Instant::compareTo);
            // the watermark moved during the run, not only at the end
            assertThat(seen.stream().distinct().count()).isGreaterThan(10);
        });
        assertThat(probe.eventsBehindWatermark).hasValue(0);
        assertThat(probe.timersBeforeTheirTime).hasValue(0);
        assertThat(probe.fired).isEqualTo(probe.registered);
    }

    @Test
    void theEnginesWatermarkTrailsTheNewestEventAndNeverMovesBack() {
        LocalEngine engine = LocalEngine.start(List.of(new Probes.TimerAlert(Duration.ZERO)), EngineScenarios.enrichment(),
                EngineSettings.of(LATENESS, 2));
        List<Event> arriving = Feeding.delayed(EngineScenarios.tenant(11, 10, 4), new Random(11), Duration.ofHours(20));
        Instant previous = engine.watermark();
        Instant newest = Instant.MIN;
        for (Event e : arriving) {
            engine.accept(e);
            if (e.time().isAfter(newest)) newest = e.time();
            assertThat(engine.watermark()).isAfterOrEqualTo(previous).isEqualTo(newest.minus(LATENESS));
            previous = engine.watermark();
        }
        engine.finish();
    }

    /** Holds its shard on the first event until released. */
    static final class Stall implements Detection {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public DetectionInfo info() {
            return Probes.describe("probe-stall");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void readersWaitForASlowShardInsteadOfBufferingWithoutBound() throws Exception {
        Stall stall = new Stall();
        EngineSettings settings = new EngineSettings(LATENESS, 1, 4, 2);
        LocalEngine engine = LocalEngine.start(List.of(stall), EngineScenarios.enrichment(), settings);
        AtomicInteger accepted = new AtomicInteger();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                engine.accept(EngineScenarios.benignSignIn("ann@contoso.example", T0).build());
                accepted.incrementAndGet();
            }
        });
        reader.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(reader.getState()).isEqualTo(Thread.State.WAITING);
        // one batch in the shard's hands, two queued, one being handed over, one filling
        assertThat(accepted.get()).isLessThanOrEqualTo(5 * settings.batchSize());

        stall.release.countDown();
        reader.join();
        assertThat(engine.finish().stats().events()).isEqualTo(1000);
    }
}
