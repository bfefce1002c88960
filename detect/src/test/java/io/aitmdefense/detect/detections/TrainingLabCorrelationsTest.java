package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The correlating detections over the real Sentinel training-lab export: AdeleV's replayed token followed by the
 * "junk" inbox rule is the one alert; her two sends and few mail reads from the same address are below the burst
 * thresholds, and JohnS and the admin, who used the same address without any suspicious sign-in, raise nothing.
 */
class TrainingLabCorrelationsTest {

    @Test
    void onlyAdelesReplayThenInboxRuleAlerts() throws IOException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        new LogReader(2).read(List.of(Path.of("../shared/data/logs/sentinel-training-lab")), events::add, Progress.NONE);
        events.sort(Comparator.comparing(Event::time).thenComparing(e -> e.source().toString()));
        DetectConfig config = DetectConfig.defaults();
        List<Alert> alerts = DetectionHarness.of(new SignInThenPersistenceDetection(config), new MassMailAccessDetection(config),
                new BecSendDetection(config), new RiskAnomalousTokenDetection(config), new CaTamperingDetection(config)).run(events);

        assertThat(events).hasSizeGreaterThan(300);
        assertThat(alerts).extracting(Alert::detectionId, Alert::user)
                .containsExactly(tuple("signin-then-persistence", "adelev@m365x816222.onmicrosoft.com"));
    }
}
