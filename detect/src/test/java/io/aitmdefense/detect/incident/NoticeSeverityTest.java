package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.IncidentSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.aitmdefense.detect.incident.TestAlerts.ENRICHMENT;
import static io.aitmdefense.detect.incident.TestAlerts.ISP_IP_A;
import static io.aitmdefense.detect.incident.TestAlerts.T0;
import static io.aitmdefense.detect.incident.TestAlerts.alert;
import static io.aitmdefense.detect.incident.TestAlerts.replay;
import static org.assertj.core.api.Assertions.assertThat;

/** A notice (a standalone signal: an owner's forwarding rule) is visible alone and joins the incident a later alert opens. */
class NoticeSeverityTest {
    static Alert forwardingRule() {
        return alert("mail-forwarding-or-hiding", Severity.NOTICE, KillChainStage.PERSISTENCE, "jane@contoso.example", T0,
                Duration.ZERO, ISP_IP_A, "");
    }

    @Test
    void aNoticeAloneIsANoticeNotAnIncident() {
        IncidentTracker tracker = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, u -> { });
        tracker.accept(forwardingRule());

        IncidentSet set = tracker.snapshot();
        assertThat(set.incidents()).isEmpty();
        assertThat(set.notices()).singleElement().satisfies(a -> assertThat(a.severity().label()).isEqualTo("notice"));
    }

    @Test
    void aLaterReplayOfTheSameUserRaisesTheNoticeIntoItsIncident() {
        IncidentTracker tracker = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, u -> { });
        tracker.accept(forwardingRule());
        tracker.accept(replay("jane@contoso.example", T0.plusSeconds(3 * 3600), "203.0.113.10"));

        IncidentSet set = tracker.snapshot();
        assertThat(set.notices()).isEmpty();
        assertThat(set.incidents()).singleElement().satisfies(i -> assertThat(i.alerts()).extracting(Alert::detectionId)
                .contains("mail-forwarding-or-hiding", "session-replay"));
    }

    @Test
    void noticeSitsBetweenInfoAndLow() {
        assertThat(Severity.NOTICE).isGreaterThan(Severity.INFO).isLessThan(Severity.LOW);
        assertThat(Severity.parse("notice")).isEqualTo(Severity.NOTICE);
    }
}
