package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.TimelineEntry;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.model.NetworkKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.aitmdefense.detect.incident.TestAlerts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentBuilderTest {
    private final IncidentBuilder builder = new IncidentBuilder(DetectConfig.defaults(), ENRICHMENT);

    @Test
    void alertsExactlyOneWindowApartFormOneIncident() {
        Alert first = hosting("alice@contoso.com", T0, DO_IP, PYTHON);
        Alert second = hosting("alice@contoso.com", T0.plus(Duration.ofHours(24)), DO_IP, PYTHON);

        List<Incident> incidents = builder.group(List.of(first, second));

        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).alerts()).containsExactly(first, second);
    }

    @Test
    void aGapOfOneSecondMoreThanTheWindowStartsANewIncident() {
        Alert first = hosting("alice@contoso.com", T0, DO_IP, PYTHON);
        // another address: alerts sharing one are one attack across days (incidents.sameAttackSpan)
        Alert second = hosting("alice@contoso.com", T0.plus(Duration.ofHours(24).plusSeconds(1)), DO_IP_2, PYTHON);

        List<Incident> incidents = builder.group(List.of(second, first));

        assertThat(incidents).hasSize(2);
        assertThat(incidents).extracting(i -> i.alerts().get(0)).containsExactlyInAnyOrder(first, second);
        assertThat(incidents.get(0).id()).isNotEqualTo(incidents.get(1).id());
    }

    @Test
    void theWindowSlidesSoAChainOfAlertsLongerThanOneWindowStaysOneIncident() {
        List<Alert> alerts = List.of(
                hosting("alice@contoso.com", T0, DO_IP, PYTHON),
                replay("alice@contoso.com", T0.plus(Duration.ofHours(20)), DO_IP),
                persistence("alice@contoso.com", T0.plus(Duration.ofHours(40)), DO_IP));

        assertThat(builder.group(alerts)).singleElement()
                .satisfies(i -> assertThat(i.alerts()).hasSize(3));
    }

    @Test
    void theGapIsMeasuredFromTheEndOfTheLatestAlertNotItsStart() {
        Alert longOne = alert("mass-mail-access", Severity.MEDIUM, KillChainStage.COLLECTION, "alice@contoso.com",
                T0, Duration.ofHours(10), DO_IP, PYTHON);
        Alert later = replay("alice@contoso.com", T0.plus(Duration.ofHours(30)), DO_IP);

        assertThat(builder.group(List.of(longOne, later))).hasSize(1);
    }

    @Test
    void differentUsersNeverShareAnIncidentButUpnCaseDoesNotSplitOne() {
        List<Incident> incidents = builder.group(List.of(
                replay("alice@contoso.com", T0, DO_IP),
                persistence("ALICE@contoso.com", T0.plusSeconds(600), DO_IP),
                replay("bob@contoso.com", T0, DO_IP)));

        assertThat(incidents).hasSize(2);
        assertThat(incidents).extracting(Incident::user).containsExactlyInAnyOrder("alice@contoso.com", "bob@contoso.com");
    }

    @Test
    void aConfiguredWindowReplacesTheDefault() {
        IncidentBuilder hourly = new IncidentBuilder(DetectConfig.of(Map.of("incidents", Map.of("window", "1h"))), ENRICHMENT);
        List<Alert> alerts = List.of(replay("alice@contoso.com", T0, DO_IP),
                persistence("alice@contoso.com", T0.plus(Duration.ofHours(3)), DO_IP_2));

        assertThat(hourly.group(alerts)).hasSize(2);
        assertThat(builder.group(alerts)).hasSize(1);
    }

    @Test
    void aZeroWindowIsRejectedWithTheSettingNamed() {
        assertThatThrownBy(() -> new IncidentBuilder(DetectConfig.of(Map.of("incidents", Map.of("window", "0s"))), ENRICHMENT))
                .hasMessageContaining("incidents.window");
    }

    @Test
    void replayFollowedByPersistenceIsCritical() {
        Incident incident = builder.group(List.of(replay("alice@contoso.com", T0, DO_IP),
                persistence("alice@contoso.com", T0.plusSeconds(1200), DO_IP))).get(0);

        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.stages()).containsExactly(KillChainStage.REPLAY, KillChainStage.PERSISTENCE);
    }

    @Test
    void impossibleTravelAloneStaysLow() {
        Incident incident = builder.group(List.of(travel("alice@contoso.com", T0, ISP_IP_A))).get(0);

        assertThat(incident.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aWeakAlertAddsConfidenceButNotSeverity() {
        Incident alone = builder.group(List.of(hosting("alice@contoso.com", T0, DO_IP, PYTHON))).get(0);
        Incident withTravel = builder.group(List.of(hosting("alice@contoso.com", T0, DO_IP, PYTHON),
                travel("alice@contoso.com", T0.plusSeconds(60), ISP_IP_A))).get(0);

        assertThat(withTravel.severity()).isEqualTo(alone.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(withTravel.confidence()).isGreaterThan(alone.confidence());
    }

    @Test
    void twoIndependentMediumDetectionsRaiseTheIncidentToHigh() {
        Alert mismatch = alert("client-mismatch", Severity.MEDIUM, KillChainStage.REPLAY, "alice@contoso.com",
                T0.plusSeconds(30), Duration.ZERO, DO_IP, PYTHON);

        Incident incident = builder.group(List.of(hosting("alice@contoso.com", T0, DO_IP, PYTHON), mismatch)).get(0);

        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void oneDetectionRepeatingItselfDoesNotRaiseSeverityOrConfidence() {
        Incident once = builder.group(List.of(hosting("alice@contoso.com", T0, DO_IP, PYTHON))).get(0);
        Incident twice = builder.group(List.of(hosting("alice@contoso.com", T0, DO_IP, PYTHON),
                hosting("alice@contoso.com", T0.plusSeconds(3600), DO_IP_2, PYTHON))).get(0);

        assertThat(twice.severity()).isEqualTo(once.severity());
        assertThat(twice.confidence()).isEqualTo(once.confidence());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void idsAndOrderDoNotDependOnAlertOrder(long seed) {
        List<Alert> alerts = new ArrayList<>(List.of(
                replay("alice@contoso.com", T0, DO_IP),
                persistence("alice@contoso.com", T0.plusSeconds(900), DO_IP),
                travel("bob@contoso.com", T0.plusSeconds(60), ISP_IP_A),
                hosting("carol@contoso.com", T0.plus(Duration.ofDays(3)), DO_IP_2, PYTHON),
                hosting("carol@contoso.com", T0, DO_IP_2, PYTHON)));
        List<Incident> reference = builder.group(alerts);

        Collections.shuffle(alerts, new Random(seed));
        List<Incident> shuffled = builder.group(alerts);

        assertThat(shuffled).extracting(Incident::id).containsExactlyElementsOf(reference.stream().map(Incident::id).toList());
        assertThat(shuffled).isEqualTo(reference);
    }

    /**
     * Over random alert sets: every alert lands in exactly one incident of its user, alerts inside an incident are
     * never more than a window apart, and consecutive incidents of one user are more than a window apart.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 13, 17, 19, 23})
    void randomAlertSetsSplitExactlyAtGapsLongerThanTheWindow(long seed) {
        Random random = new Random(seed);
        Duration window = Duration.ofHours(24);
        List<Alert> alerts = new ArrayList<>();
        String[] users = {"a@contoso.com", "b@contoso.com", "c@contoso.com"};
        for (int n = 0; n < 60; n++) {
            Instant at = T0.plusSeconds(random.nextInt(20 * 24 * 3600));
            Duration length = Duration.ofMinutes(random.nextInt(3) == 0 ? random.nextInt(600) : 0);
            int u = random.nextInt(3);
            // every alert from its own address with a common browser: no shared infrastructure, no campaign to merge by
            alerts.add(alert("hosting-ip-signin", Severity.MEDIUM, KillChainStage.REPLAY, users[u], at,
                    length, "73.12." + n + "." + u, CHROME));
        }

        List<Incident> incidents = builder.group(alerts);

        assertThat(incidents.stream().mapToInt(i -> i.alerts().size()).sum()).isEqualTo(new HashSet<>(alerts).size());
        for (String user : users) {
            List<Incident> mine = incidents.stream().filter(i -> i.user().equals(user))
                    .sorted(Comparator.comparing(Incident::start)).toList();
            for (Incident i : mine) {
                assertThat(i.alerts()).allMatch(a -> a.user().equals(user));
                Instant reach = i.alerts().get(0).end();
                for (Alert a : i.alerts()) {
                    assertThat(a.start()).isBeforeOrEqualTo(reach.plus(window));
                    if (a.end().isAfter(reach)) reach = a.end();
                }
            }
            for (int k = 1; k < mine.size(); k++) {
                assertThat(mine.get(k).start()).isAfter(mine.get(k - 1).end().plus(window));
            }
        }
    }

    @Test
    void theIdChangesWhenTheFirstAlertDiffers() {
        String a = builder.group(List.of(replay("alice@contoso.com", T0, DO_IP))).get(0).id();
        String b = builder.group(List.of(replay("alice@contoso.com", T0.plusSeconds(1), DO_IP))).get(0).id();
        String c = builder.group(List.of(replay("bob@contoso.com", T0, DO_IP))).get(0).id();

        assertThat(a).startsWith("inc-").isNotEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void incidentsAreOrderedBySeverityThenTime() {
        List<Incident> incidents = builder.group(List.of(
                travel("early-low@contoso.com", T0, ISP_IP_A),
                hosting("medium@contoso.com", T0.plusSeconds(10), DO_IP, PYTHON),
                replay("late-critical@contoso.com", T0.plusSeconds(3600), DO_IP),
                persistence("late-critical@contoso.com", T0.plusSeconds(4000), DO_IP),
                replay("high-later@contoso.com", T0.plusSeconds(500), DO_IP),
                replay("high-earlier@contoso.com", T0.plusSeconds(100), DO_IP)));

        assertThat(incidents).extracting(Incident::user).containsExactly("late-critical@contoso.com",
                "high-earlier@contoso.com", "high-later@contoso.com", "medium@contoso.com", "early-low@contoso.com");
    }

    @Test
    void infrastructureCarriesAddressesWithTheirNetworkOwnersAndTheTimelineIsInTimeOrder() {
        Alert rule = persistence("alice@contoso.com", T0.plusSeconds(1200), DO_IP_2);
        Alert replay = replay("alice@contoso.com", T0, DO_IP);

        Incident incident = builder.group(List.of(rule, replay)).get(0);

        assertThat(incident.infrastructure().addresses()).extracting(AttackerAddress::ip).containsExactly(DO_IP, DO_IP_2);
        assertThat(incident.infrastructure().networks()).singleElement().satisfies(n -> {
            assertThat(n.asn()).isEqualTo(14061);
            assertThat(n.owner()).isEqualTo("DigitalOcean");
            assertThat(n.kind()).isEqualTo(NetworkKind.HOSTING);
        });
        assertThat(incident.infrastructure().userAgents()).containsExactly(CHROME);
        assertThat(incident.timeline()).extracting(TimelineEntry::detectionId)
                .containsExactly("session-replay", "signin-then-persistence");
        assertThat(incident.firstAttackerActivity()).isEqualTo(T0);
        assertThat(incident.end()).isEqualTo(T0.plusSeconds(1200));
        assertThat(incident.summary()).contains("replay → persistence", "alice@contoso.com",
                "203.0.113.10 (AS14061 DigitalOcean, hosting)", "2 alerts");
    }

    @Test
    void anAlertsLoggedAsnIsUsedForItsSingleAddress() {
        Alert withAsn = new Alert("al-1", "", "alice@contoso.com", "alice@contoso.com", "hosting-ip-signin",
                "Sign-in from a hosting network", Severity.MEDIUM, 0.7, T0, T0, KillChainStage.REPLAY, List.of(), "x",
                new Alert.Infrastructure(List.of("198.51.100.4"), List.of(24940), List.of(), List.of("sess-1")), List.of(), List.of());

        Incident incident = builder.group(List.of(withAsn)).get(0);

        assertThat(incident.infrastructure().addresses()).singleElement()
                .satisfies(a -> assertThat(a.describe()).isEqualTo("198.51.100.4 (AS24940 Hetzner Online, hosting)"));
        assertThat(incident.infrastructure().sessionIds()).containsExactly("sess-1");
    }

    @Test
    void aLoneLowAlertIsANoticeNotAnIncidentButItJoinsAnIncidentOfItsUser() {
        IncidentSet set = builder.build(List.of(
                travel("alice@contoso.com", T0, ISP_IP_A),
                replay("bob@contoso.com", T0, DO_IP),
                travel("bob@contoso.com", T0.plusSeconds(600), ISP_IP_A)));

        assertThat(set.incidents()).extracting(Incident::user).containsExactly("bob@contoso.com");
        assertThat(set.incidents().get(0).alerts()).extracting(Alert::detectionId)
                .containsExactly("session-replay", "impossible-travel");
        assertThat(set.notices()).singleElement().satisfies(a -> assertThat(a.user()).isEqualTo("alice@contoso.com"));
    }
}
