package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.events.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A detection that throws loses that one call: the run, the other detections and later events go on. */
class LocalEngineFailureTest {
    static final Duration LATENESS = Duration.ofHours(24);

    /** Throws on one chosen event and on every timer of one user; counts every call it gets. */
    static final class Fragile implements Detection {
        final Event poison;
        final String timerVictim;
        final AtomicInteger calls = new AtomicInteger();

        Fragile(Event poison, String timerVictim) {
            this.poison = poison;
            this.timerVictim = timerVictim;
        }

        @Override
        public DetectionInfo info() {
            return Probes.describe("fragile");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            calls.incrementAndGet();
            if (event == poison) throw new IllegalArgumentException("cannot read the device of this row");
            if (ctx.user().equals(timerVictim)) ctx.registerTimer(event.time().plus(Duration.ofMinutes(5)));
        }

        @Override
        public void onTimer(Instant time, Context ctx) {
            throw new IllegalStateException("timer broke");
        }
    }

    @Test
    void aDetectionsExceptionIsReportedWithTheEventsFileAndLineAndTheRunGoesOn() {
        List<Event> events = EngineScenarios.tenant(99, 12, 3);
        Event poison = events.get(events.size() / 2);
        List<Alert> clean = Feeding.inOrder(events, EngineScenarios.allDetections(), EngineSettings.of(LATENESS, 2)).alerts();
        Fragile fragile = new Fragile(poison, "");
        List<Detection> detections = new ArrayList<>(EngineScenarios.allDetections());
        detections.add(fragile);

        EngineResult r = Feeding.inOrder(events, detections, EngineSettings.of(LATENESS, 2));

        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.detectionId()).isEqualTo("fragile");
            assertThat(f.location()).isEqualTo(poison.source().toString()).matches(".+:\\d+");
            assertThat(f.user()).isEqualTo(poison.user());
            assertThat(f.time()).isEqualTo(poison.time());
            assertThat(f.reason()).contains("IllegalArgumentException").contains("cannot read the device of this row");
            assertThat(f.message()).startsWith(poison.source() + ": detection fragile failed for " + poison.user());
        });
        assertThat(r.stats().detectionFailures()).isEqualTo(1);
        // every other detection still saw everything, and the fragile one kept getting events after it threw
        assertThat(r.alerts()).isEqualTo(clean);
        assertThat(fragile.calls).hasValue(events.size());
    }

    @Test
    void aTimerThatThrowsIsReportedAsTimerFailureForItsUser() {
        List<Event> events = EngineScenarios.tenant(99, 4, 2);
        String victim = EngineScenarios.user(1);
        long victimEvents = events.stream().filter(e -> e.user().equals(victim)).count();

        EngineResult r = Feeding.inOrder(events, List.of(new Fragile(null, victim)), EngineSettings.of(LATENESS, 2));

        assertThat(r.stats().detectionFailures()).isEqualTo(victimEvents);
        assertThat(r.failures()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.location()).isEqualTo("timer");
            assertThat(f.user()).isEqualTo(victim);
            assertThat(f.reason()).contains("timer broke");
        });
    }

    @Test
    void theReportedFailuresAreCappedButAllAreCounted() {
        List<Event> events = EngineScenarios.tenant(5, 60, 3);
        Detection alwaysThrows = Probes.throwingOnEvery("always-throws", () -> new UnsupportedOperationException("no"));

        EngineResult r = Feeding.inOrder(events, List.of(alwaysThrows), EngineSettings.of(LATENESS, 2));

        assertThat(events.size()).isGreaterThan(LocalEngine.MAX_REPORTED_FAILURES);
        assertThat(r.stats().detectionFailures()).isEqualTo(events.size());
        assertThat(r.failures()).hasSize(LocalEngine.MAX_REPORTED_FAILURES);
    }
}
