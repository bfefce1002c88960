package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Risk;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class RiskySignInDetectionTest {
    static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new RiskySignInDetection(DetectConfig.defaults())).run(events);
    }

    static Event risky(String at, String during, String aggregated, String state) {
        return signIn().at(at).ip("198.51.100.20").asn(24940)
                .risk(new Risk(during, aggregated, state, "none", List.of("unfamiliarFeatures"))).build();
    }

    @Test
    void aHighRiskSignInThatSucceededIsOneLowAlertADay() {
        List<Event> events = List.of(risky("2025-03-04T09:00:00Z", "high", "high", "atRisk"),
                risky("2025-03-04T11:00:00Z", "none", "high", "atRisk"), risky("2025-03-05T08:00:00Z", "high", "high", "atRisk"));

        List<Alert> alerts = run(events);

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("risky-signin");
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.start()).hasToString("2025-03-04T09:00:00Z");
            assertThat(a.explanation()).contains("sign-in risk high (unfamiliarFeatures)").contains("1 more such sign-ins that day");
        });
        DetectionHarness.of(new RiskySignInDetection(DetectConfig.defaults()))
                .assertArrivalOrderDoesNotMatter(events, 9, Duration.ofHours(3), DetectionHarness.sorted(alerts));
    }

    @Test
    void dismissedRemediatedAndMediumRiskAreNotRaised() {
        assertThat(run(List.of(risky("2025-03-04T09:00:00Z", "high", "high", "dismissed"),
                risky("2025-03-04T10:00:00Z", "high", "high", "remediated"),
                risky("2025-03-04T11:00:00Z", "medium", "medium", "atRisk")))).isEmpty();
    }
}
