package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A live source that goes quiet moves the watermark itself, so a tenant's pending timers fire without new events. */
class LocalEngineIdleSourceTest {
    static final Instant T0 = Instant.parse("2025-03-04T09:00:00Z");

    @Test
    void advancingTheWatermarkOfAQuietSourceFiresDueTimersAndNeverMovesItBack() {
        List<Alert> seen = new CopyOnWriteArrayList<>();
        LocalEngine engine = LocalEngine.start(List.of(new Probes.TimerAlert(Duration.ofMinutes(5))), EngineScenarios.enrichment(),
                EngineSettings.of(Duration.ofHours(1), 2), seen::add);
        engine.accept(EngineScenarios.benignSignIn("ann@contoso.example", T0).build());
        engine.snapshot(new byte[0]); // a barrier: the shards have processed everything sent
        assertThat(seen).as("the watermark trails the only event by the hour of lateness").isEmpty();

        engine.advanceWatermark(T0.plus(Duration.ofMinutes(10)));
        engine.snapshot(new byte[0]);
        assertThat(seen).singleElement().satisfies(a -> assertThat(a.user()).isEqualTo("ann@contoso.example"));

        engine.advanceWatermark(T0);
        assertThat(engine.watermark()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        // a later event does not pull the watermark back behind what the quiet source vouched for
        engine.accept(EngineScenarios.benignSignIn("bob@contoso.example", T0.plus(Duration.ofMinutes(20))).build());
        assertThat(engine.watermark()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        engine.finish();
    }
}
