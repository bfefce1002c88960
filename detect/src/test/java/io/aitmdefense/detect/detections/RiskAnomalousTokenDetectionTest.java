package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.aitmdefense.events.SampleEvents.risk;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class RiskAnomalousTokenDetectionTest {

    @Test
    void anAnomalousTokenAlertsOnItsOwn() {
        List<Alert> alerts = run(List.of(risk("anomalousToken").at("2025-03-04T09:05:00Z").level("high").build()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("risk-anomalous-token");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:05:00Z"));
            assertThat(a.explanation()).isEqualTo("Identity Protection raised high anomalousToken (offline) for 198.51.100.20 for "
                    + "jane@contoso.example from 2025-03-04T09:05:00Z: a detection about the token itself, the trace of a stolen "
                    + "or replayed session.");
            assertThat(a.evidence()).extracting(e -> e.kind()).containsExactly(EventKind.RISK_DETECTION);
        });
    }

    @Test
    void typesAreMatchedWithoutRegardToCase() {
        assertThat(run(List.of(risk("attackerInTheMiddle").build()))).hasSize(1);
    }

    @Test
    void aSingleUnfamiliarFeaturesDetectionIsNotAnAlert() {
        assertThat(run(List.of(risk("unfamiliarFeatures").level("low").build()))).isEmpty();
        // even when the sign-in it was raised on carries the same risk
        Event riskySignIn = signIn().at("2025-03-04T09:04:00Z").ip("198.51.100.20").asn(3215)
                .risk(new Risk("medium", "medium", "atRisk", "none", List.of("unfamiliarFeatures"))).build();
        assertThat(run(List.of(riskySignIn, risk("unfamiliarFeatures").build()))).isEmpty();
    }

    @Test
    void twoDifferentWeakDetectionsWithinTheWindowAlert() {
        List<Alert> alerts = run(List.of(risk("unfamiliarFeatures").at("2025-03-04T09:05:00Z").build(),
                risk("anonymizedIPAddress").at("2025-03-04T12:00:00Z").build()));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.explanation()).contains("medium unfamiliarFeatures").contains("medium anonymizedIPAddress")
                    .contains("here together: 2 kinds within 6 h");
            assertThat(a.evidence()).hasSize(2);
        });
        // too far apart
        assertThat(run(List.of(risk("unfamiliarFeatures").at("2025-03-04T09:05:00Z").build(),
                risk("anonymizedIPAddress").at("2025-03-04T16:00:00Z").build()))).isEmpty();
        // the same weak type twice is still one weak signal
        assertThat(run(List.of(risk("unfamiliarFeatures").at("2025-03-04T09:05:00Z").build(),
                risk("unfamiliarFeatures").at("2025-03-04T10:00:00Z").build()))).isEmpty();
    }

    @Test
    void aWeakDetectionWithASuspiciousSignInAlerts() {
        Event hosting = signIn().at("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").build();
        assertThat(run(List.of(hosting, risk("unfamiliarFeatures").at("2025-03-04T09:05:00Z").build())))
                .singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.HIGH);
                    assertThat(a.explanation()).contains("here together: a suspicious sign-in to OfficeHome at 2025-03-04T09:00:00Z from 203.0.113.10 (AS14061 DigitalOcean, hosting): hosting network the tenant has not marked trusted.");
                    assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
                });
    }

    @Test
    void aTravellersOwnDeviceOnANewNetworkIsNotTheSuspiciousSignInThatConfirmsUnfamiliarFeatures() {
        // found by aitm eval: a traveller's registered MacBook at a hotel ISP, MFA from its token, plus the low
        // unfamiliarFeatures Identity Protection raises for travel, made an incident for every trip
        Device macBook = new Device("dev-1", "Janes-MacBook-Pro", "MacOs", "Safari 18.1", "Azure AD registered", true, true);
        Event atHome = signIn().at("2025-03-03T09:00:00Z").ip("98.218.12.166").asn(7922).device(macBook).build();
        Event atHotel = signIn().at("2025-03-04T09:00:00Z").ip("86.129.163.195").asn(2856).device(macBook)
                .satisfiedByToken().build();
        Event unfamiliar = risk("unfamiliarFeatures").at("2025-03-04T09:01:00Z").level("low").build();

        assertThat(run(List.of(atHome, atHotel, unfamiliar))).isEmpty();

        // the same sign-in from a device the user never used is still the replay signal
        Device stranger = new Device("dev-9", "DESKTOP-8K2L1", "Windows 10", "Edge 132.0", "", false, false);
        Event strangerAtHotel = signIn().at("2025-03-04T09:00:00Z").ip("86.129.163.195").asn(2856).device(stranger)
                .satisfiedByToken().build();
        assertThat(run(List.of(atHome, strangerAtHotel, unfamiliar))).singleElement()
                .satisfies(a -> assertThat(a.explanation()).contains("MFA satisfied by a claim in the token"));
    }

    @Test
    void dismissedDetectionsAreIgnored() {
        assertThat(run(List.of(risk("anomalousToken").state("dismissed", "aiConfirmedSigninSafe").build()))).isEmpty();
    }

    @Test
    void detectionsWithinTheWindowFormOneAlert() {
        assertThat(run(List.of(risk("anomalousToken").at("2025-03-04T09:05:00Z").build(),
                risk("tokenIssuerAnomaly").at("2025-03-04T10:05:00Z").build(),
                risk("anomalousToken").at("2025-03-05T10:05:00Z").build()))).hasSize(2);
    }

    @Test
    void theConfiguredTypesDecide() {
        DetectConfig config = DetectConfig.of(Map.of("detections", Map.of("risk-anomalous-token",
                Map.of("types", List.of("unfamiliarFeatures")))));
        assertThat(run(config, List.of(risk("unfamiliarFeatures").build()))).hasSize(1);
        assertThat(run(config, List.of(risk("anomalousToken").build()))).isEmpty();
    }

    @Test
    void stateIsReleasedAfterTheWindow() {
        KeyedRuntime rt = DetectionHarness.of(new RiskAnomalousTokenDetection(DetectConfig.defaults())).runtime(a -> { });
        rt.process(risk("unfamiliarFeatures").build());
        rt.advanceWatermark(Instant.parse("2025-03-04T12:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-25T00:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 29, 555, 31337})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of("jane@contoso.example", "bob@contoso.example")) {
            events.add(risk("unfamiliarFeatures").user(user).at("2025-03-04T09:05:00Z").build());
            events.add(risk("anonymizedIPAddress").user(user).at("2025-03-04T11:00:00Z").build());
            events.add(risk("anomalousToken").user(user).at("2025-03-04T13:00:00Z").build());
            events.add(signIn().user(user).at("2025-03-05T08:00:00Z").ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").build());
            events.add(risk("unfamiliarFeatures").user(user).at("2025-03-05T09:00:00Z").build());
            events.add(risk("unfamiliarFeatures").user(user).at("2025-03-06T09:00:00Z").build());
        }
        List<Alert> inOrder = DetectionHarness.sorted(run(events));
        assertThat(inOrder).hasSize(4);

        Collections.shuffle(events, new Random(seed));
        assertThat(DetectionHarness.sorted(run(events))).isEqualTo(inOrder);
    }

    private static List<Alert> run(List<? extends Event> events) {
        return run(DetectConfig.defaults(), events);
    }

    private static List<Alert> run(DetectConfig config, List<? extends Event> events) {
        return DetectionHarness.of(new RiskAnomalousTokenDetection(config)).run(events);
    }
}
