package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.detect.detections.DetectionHarness.sorted;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImpossibleTravelDetectionTest {

    static SampleEvents.SignInBuilder inLondon(String at) {
        return signIn().at(at).ip("81.2.69.160").asn(7922).geo("London", "GB", 51.5074, -0.1278);
    }

    static SampleEvents.SignInBuilder inLagos(String at) {
        return signIn().at(at).ip("203.0.113.10").asn(14061).geo("Lagos", "NG", 6.5244, 3.3792)
                .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .unmanagedDevice("Linux", "Firefox 128.0");
    }

    @Test
    void londonThenLagosFortyMinutesLaterIsImpossible() {
        List<Alert> alerts = run(List.of(inLondon("2025-03-04T09:00:00Z").build(), inLagos("2025-03-04T09:40:00Z").build()));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.detectionId()).isEqualTo("impossible-travel");
        assertThat(a.severity()).isEqualTo(Severity.LOW);
        assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
        assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:40:00Z"));
        assertThat(a.evidence()).hasSize(2);
        // only the hosting side is named as infrastructure: the victim's home address must not join the campaign view
        assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
    }

    @Test
    void explanationNamesPlacesNetworksTimesDistanceAndSpeed() {
        Alert a = run(List.of(inLondon("2025-03-04T09:00:00Z").build(), inLagos("2025-03-04T09:40:00Z").build())).get(0);

        assertThat(a.explanation())
                .startsWith("jane@contoso.example signed in to OfficeHome from 81.2.69.160 (AS7922) in London, GB at 2025-03-04T09:00:00Z")
                .contains("from 203.0.113.10 (AS14061 DigitalOcean, hosting) in Lagos, NG at 2025-03-04T09:40:00Z")
                .contains("5,012 km in 40 min, 7,518 km/h");
    }

    @Test
    void greatCircleDistanceIsRight() {
        ImpossibleTravelDetection.Place london = new ImpossibleTravelDetection.Place(0, null, 51.5074, -0.1278, "", null, null, "", "", true, "", "");
        ImpossibleTravelDetection.Place newYork = new ImpossibleTravelDetection.Place(0, null, 40.7128, -74.0060, "", null, null, "", "", true, "", "");
        assertThat(ImpossibleTravelDetection.kilometres(london, newYork)).isCloseTo(5570, within(15.0));
    }

    @Test
    void aRealFlightIsPlausible() {
        assertThat(run(List.of(inLondon("2025-03-04T08:00:00Z").build(),
                signIn().at("2025-03-04T17:00:00Z").ip("198.51.100.20").asn(7018).geo("New York", "US", 40.7128, -74.0060).build())))
                .isEmpty();
    }

    @Test
    void aShortHopIsBelowTheMinimumDistance() {
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").build(),
                signIn().at("2025-03-04T09:10:00Z").ip("198.51.100.20").asn(3215).geo("Paris", "FR", 48.8566, 2.3522).build())))
                .isEmpty();
    }

    @Test
    void backgroundRefreshesFailuresAndRowsWithoutCoordinatesDoNotCount() {
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").build(),
                inLagos("2025-03-04T09:40:00Z").nonInteractive().build(),
                inLagos("2025-03-04T09:41:00Z").failed(50126, "Invalid username or password").build(),
                signIn().at("2025-03-04T09:42:00Z").ip("203.0.113.10").asn(14061).build()))).isEmpty();
    }

    @Test
    void saseVpnMicrosoftAndTrustedNetworksSayNothingAboutWhereTheUserIs() {
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").build(),
                inLagos("2025-03-04T09:40:00Z").ip("165.225.1.10").asn(62044).build()))).isEmpty();
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").build(),
                inLagos("2025-03-04T09:40:00Z").ip("40.126.1.1").asn(8075).build()))).isEmpty();
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").build(),
                inLagos("2025-03-04T09:40:00Z").namedLocation("Lagos office", true).build()))).isEmpty();
    }

    @Test
    void oneNetworkGeolocatedTwiceIsNotTravel() {
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").build(),
                inLagos("2025-03-04T09:40:00Z").ip("81.2.70.1").asn(7922).build()))).isEmpty();
    }

    @Test
    void twoFarPlacesAtTheSameMomentAreImpossible() {
        List<Alert> alerts = run(List.of(inLondon("2025-03-04T09:00:00Z").build(), inLagos("2025-03-04T09:00:00Z").build()));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.explanation()).contains("at the same moment"));
    }

    @Test
    void aDayOfAlternatingPlacesIsOneAlertAndTheNextDayAnother() {
        List<Event> events = new ArrayList<>();
        for (int d = 4; d <= 5; d++) {
            for (int h = 8; h < 14; h += 2) {
                events.add(inLondon(String.format("2025-03-%02dT%02d:00:00Z", d, h)).build());
                events.add(inLagos(String.format("2025-03-%02dT%02d:30:00Z", d, h)).build());
            }
        }
        assertThat(run(events)).extracting(Alert::end).containsExactly(
                Instant.parse("2025-03-04T08:30:00Z"), Instant.parse("2025-03-05T08:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 19, 512, 9001, 1618033})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of("jane@contoso.example", "bob@contoso.example")) {
            for (int d = 3; d <= 5; d++) {
                events.add(inLondon(String.format("2025-03-%02dT08:00:00Z", d)).user(user).build());
                events.add(inLondon(String.format("2025-03-%02dT09:00:00Z", d)).user(user).build());
                if (d != 4) events.add(inLagos(String.format("2025-03-%02dT09:30:00Z", d)).user(user).build());
                events.add(inLondon(String.format("2025-03-%02dT10:00:00Z", d)).user(user).build());
            }
        }
        List<Alert> inOrder = sorted(run(events));
        assertThat(inOrder).hasSize(4);

        harness().assertArrivalOrderDoesNotMatter(events, seed, Duration.ofHours(6), inOrder);
    }

    @Test
    void oneSessionRefreshedFromAnotherCountryMinutesLaterIsEvidenceThoughNotInteractive() {
        // a stolen refresh token redeemed abroad: the victim's interactive sign-in at home, the session's next row in Lagos
        List<Alert> alerts = run(List.of(inLondon("2025-03-04T09:00:00Z").session("sess-7").build(),
                inLagos("2025-03-04T09:20:00Z").session("sess-7").nonInteractive().build()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.explanation()).contains("Entra session sess-7, which changed country");
            assertThat(a.infrastructure().sessionIds()).containsExactly("sess-7");
            assertThat(a.evidence()).extracting(e -> e.summary()).anyMatch(d -> d.startsWith("non-interactive sign-in"));
        });
    }

    @Test
    void refreshesAloneThatChangeCountryWithinOneSessionAreEvidence() {
        List<Alert> alerts = run(List.of(inLondon("2025-03-04T09:00:00Z").session("sess-8").nonInteractive().build(),
                inLagos("2025-03-04T09:30:00Z").session("sess-8").nonInteractive().build()));

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.explanation()).contains("without an interactive sign-in"));
    }

    @Test
    void refreshesOfDifferentSessionsInTwoCountriesAreNotTravel() {
        // background refreshes of two apps egress through unrelated cloud regions: only one session moving counts
        assertThat(run(List.of(inLondon("2025-03-04T09:00:00Z").session("sess-a").nonInteractive().build(),
                inLagos("2025-03-04T09:30:00Z").session("sess-b").nonInteractive().build()))).isEmpty();
    }

    private static List<Alert> run(List<? extends Event> events) {
        return harness().run(events);
    }

    private static DetectionHarness harness() {
        return DetectionHarness.of(new ImpossibleTravelDetection(DetectConfig.defaults()));
    }
}
