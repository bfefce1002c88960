package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.model.incident.IncidentUpdate.Change;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.detect.incident.TestAlerts.*;
import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentTrackerTest {
    private final List<IncidentUpdate> updates = new ArrayList<>();
    private final IncidentTracker tracker = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, updates::add);

    /** The updates since the last call, then forgets them. */
    private List<IncidentUpdate> drain() {
        List<IncidentUpdate> out = List.copyOf(updates);
        updates.clear();
        return out;
    }

    @Test
    void eachAlertUpdatesTheIncidentAndSaysWhatChanged() {
        tracker.accept(hosting("alice@contoso.com", T0, DO_IP, PYTHON));
        List<IncidentUpdate> created = drain();
        assertThat(created).singleElement().satisfies(u -> {
            assertThat(u.changes()).containsExactly(Change.CREATED);
            assertThat(u.incident().severity()).isEqualTo(Severity.MEDIUM);
        });
        String id = created.get(0).incident().id();

        tracker.accept(replay("alice@contoso.com", T0.plusSeconds(600), DO_IP));
        assertThat(drain()).singleElement().satisfies(u -> {
            assertThat(u.incident().id()).isEqualTo(id);
            assertThat(u.changes()).containsExactlyInAnyOrder(Change.ALERT_ADDED, Change.SEVERITY_RAISED);
            assertThat(u.incident().severity()).isEqualTo(Severity.HIGH);
        });

        tracker.accept(persistence("alice@contoso.com", T0.plusSeconds(1200), DO_IP));
        assertThat(drain()).singleElement().satisfies(u -> {
            assertThat(u.incident().id()).isEqualTo(id);
            assertThat(u.changes()).containsExactlyInAnyOrder(Change.ALERT_ADDED, Change.SEVERITY_RAISED, Change.STAGE_ADDED);
            assertThat(u.incident().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(u.incident().stages()).containsExactly(KillChainStage.REPLAY, KillChainStage.PERSISTENCE);
        });

        tracker.accept(replay("bob@contoso.com", T0.plusSeconds(3600), DO_IP));
        List<IncidentUpdate> linked = drain();
        assertThat(linked).hasSize(2);
        assertThat(linked).filteredOn(u -> u.incident().user().equals("bob@contoso.com")).singleElement()
                .satisfies(u -> assertThat(u.changes()).containsExactlyInAnyOrder(Change.CREATED, Change.CAMPAIGN_LINKED));
        assertThat(linked).filteredOn(u -> u.incident().id().equals(id)).singleElement().satisfies(u -> {
            assertThat(u.changes()).containsExactly(Change.CAMPAIGN_LINKED);
            assertThat(u.incident().blastRadius().otherUsers()).containsExactly("bob@contoso.com");
        });
    }

    @Test
    void anIncidentKeepsItsIdWhenAnEarlierAlertArrivesLate() {
        tracker.accept(persistence("alice@contoso.com", T0.plus(Duration.ofHours(2)), DO_IP));
        String id = drain().get(0).incident().id();

        tracker.accept(replay("alice@contoso.com", T0, DO_IP));

        assertThat(drain()).singleElement().satisfies(u -> {
            assertThat(u.incident().id()).isEqualTo(id);
            assertThat(u.incident().start()).isEqualTo(T0);
            assertThat(u.incident().alerts()).extracting(Alert::detectionId)
                    .containsExactly("session-replay", "signin-then-persistence");
        });
        assertThat(tracker.snapshot().incidents()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(id));
    }

    @Test
    void anAlertBridgingTwoIncidentsMergesThemIntoTheOlderOne() {
        tracker.accept(replay("alice@contoso.com", T0, DO_IP));
        tracker.accept(replay("alice@contoso.com", T0.plus(Duration.ofHours(40)), DO_IP_2));
        assertThat(tracker.snapshot().incidents()).hasSize(2);
        String older = tracker.snapshot().incidents().stream().filter(i -> i.start().equals(T0)).findFirst().orElseThrow().id();

        tracker.accept(persistence("alice@contoso.com", T0.plus(Duration.ofHours(20)), ISP_IP_A));

        assertThat(tracker.snapshot().incidents()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(older);
            assertThat(i.alerts()).hasSize(3);
        });
    }

    @Test
    void weakAlertsAloneAreNoticesAndCreateAnIncidentOnlyWhenAStrongOneJoins() {
        tracker.accept(travel("alice@contoso.com", T0, ISP_IP_A));
        assertThat(drain()).isEmpty();
        assertThat(tracker.snapshot().notices()).hasSize(1);

        tracker.accept(replay("alice@contoso.com", T0.plusSeconds(900), DO_IP));

        assertThat(drain()).singleElement().satisfies(u -> {
            assertThat(u.changes()).containsExactly(Change.CREATED);
            assertThat(u.incident().alerts()).hasSize(2);
        });
        assertThat(tracker.snapshot().notices()).isEmpty();
    }

    @Test
    void theSameAlertTwiceChangesNothing() {
        Alert a = replay("alice@contoso.com", T0, DO_IP);
        tracker.accept(a);
        drain();

        tracker.accept(a);

        assertThat(drain()).isEmpty();
        assertThat(tracker.snapshot().incidents().get(0).alerts()).hasSize(1);
    }

    @Test
    void microsoftsOwnNetworkIsNeverAttackerInfrastructure() {
        Alert throughMicrosoft = new Alert("al-ms", "", "alice@contoso.com", "alice@contoso.com", "session-replay",
                "Session cookie or token replayed", Severity.HIGH, 0.9, T0, T0.plusSeconds(300), KillChainStage.REPLAY,
                List.of("T1539"), "x", new Alert.Infrastructure(List.of(MS_IP, DO_IP), List.of(8075, 14061), List.of(CHROME),
                List.of("sess-1")), List.of(), List.of());
        Alert bobThroughMicrosoft = new Alert("al-ms-2", "", "bob@contoso.com", "bob@contoso.com", "session-replay",
                "Session cookie or token replayed", Severity.HIGH, 0.9, T0, T0.plusSeconds(300), KillChainStage.REPLAY,
                List.of("T1539"), "x", new Alert.Infrastructure(List.of(MS_IP, ISP_IP_B), List.of(8075), List.of(CHROME),
                List.of("sess-2")), List.of(), List.of());

        tracker.accept(throughMicrosoft);
        tracker.accept(bobThroughMicrosoft);
        IncidentSet set = tracker.snapshot();

        assertThat(set.incidents()).hasSize(2).allSatisfy(i -> {
            assertThat(i.infrastructure().addresses()).extracting(AttackerAddress::ip).doesNotContain(MS_IP).isNotEmpty();
            assertThat(i.infrastructure().addresses()).extracting(AttackerAddress::kind).doesNotContain(NetworkKind.MICROSOFT);
            assertThat(i.infrastructure().networks()).extracting(AttackerNetwork::asn).doesNotContain(8075);
            assertThat(i.summary()).doesNotContain("AS8075");
        });
        assertThat(set.campaigns()).as("a Microsoft front end shared by two users links no campaign").isEmpty();
    }

    @Test
    void activityAndSightingsAtAnAttackerAddressBeforeTheAlertAreKeptAndTheAddressHasItsCountry() {
        tracker.observe(signIn().user("alice@contoso.com").ip(DO_IP).geo("Amsterdam", "NL", 52.37, 4.89).at(T0).build());
        tracker.observe(office("New-InboxRule").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(60)).build());
        tracker.observe(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0.plusSeconds(120)).build());
        tracker.observe(office("MailItemsAccessed").user("erin@contoso.com").ip(ISP_IP_A).at(T0.plusSeconds(120)).build());

        tracker.accept(replay("alice@contoso.com", T0, DO_IP));
        tracker.observe(office("Send").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(3600)).build());

        Incident incident = tracker.snapshot().incidents().get(0);
        assertThat(incident.infrastructure().addresses()).singleElement()
                .satisfies(a -> assertThat(a.describe()).isEqualTo(DO_IP + " (AS14061 DigitalOcean, hosting, NL)"));
        assertThat(incident.attackerActivity()).extracting(a -> a.operation()).containsExactly("New-InboxRule", "Send");
        assertThat(incident.blastRadius().alsoSeenUsers()).containsExactly("dave@contoso.com");
    }

    @Test
    void anOperationRepeatedAtAnAttackerAddressIsOneTallyWhoseEvidenceIsItsEarliestRecord() {
        tracker.observe(office("Send").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(600)).build());
        tracker.observe(office("Send").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(120)).build());
        tracker.observe(office("Send").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(900)).build());
        tracker.accept(replay("alice@contoso.com", T0, DO_IP));

        Incident incident = tracker.snapshot().incidents().get(0);
        assertThat(incident.attackerActivity()).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.first()).isEqualTo(T0.plusSeconds(120));
            assertThat(a.last()).isEqualTo(T0.plusSeconds(900));
            assertThat(a.ip()).isEqualTo(DO_IP);
            assertThat(a.evidence().time()).isEqualTo(T0.plusSeconds(120));
            assertThat(a.evidence().summary()).isEqualTo("Send from " + DO_IP);
        });
    }

    @Test
    void incidentsNoAlertCanReachAnyMoreAreHandedOverAndLetGo() {
        tracker.accept(replay("alice@contoso.com", T0, DO_IP));
        tracker.accept(travel("carol@contoso.com", T0, ISP_IP_A));
        tracker.accept(replay("bob@contoso.com", T0.plus(Duration.ofDays(5)), DO_IP_2));

        assertThat(tracker.close(T0.plus(Duration.ofDays(2)))).as("still within reach").isEmpty();
        List<Incident> closed = tracker.close(T0.plus(Duration.ofDays(5)));

        assertThat(closed).extracting(Incident::user).containsExactly("alice@contoso.com");
        assertThat(tracker.snapshot().incidents()).extracting(Incident::user).containsExactly("bob@contoso.com");
        assertThat(tracker.snapshot().notices()).as("a notice goes too").isEmpty();
    }

    @Test
    void aCampaignLastingDaysGivesEachOfItsUsersOneIncident() {
        // two users replayed from the same droplet on three days, each day more than an incident window after the last
        for (int day = 0; day < 3; day++) {
            Instant at = T0.plus(Duration.ofHours(30L * day));
            tracker.accept(replay("alice@contoso.com", at, DO_IP));
            tracker.accept(replay("bob@contoso.com", at.plusSeconds(600), DO_IP));
        }

        IncidentSet set = tracker.snapshot();

        assertThat(set.incidents()).extracting(Incident::user).containsExactlyInAnyOrder("alice@contoso.com", "bob@contoso.com");
        assertThat(set.incidents()).allSatisfy(i -> assertThat(i.alerts()).hasSize(3));
        assertThat(set.campaigns()).singleElement().satisfies(c -> assertThat(c.incidentIds()).hasSize(2));
        IncidentTracker alone = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, u -> { });
        set.alerts().stream().filter(a -> a.user().equals("alice@contoso.com")).forEach(alone::accept);
        assertThat(alone.snapshot().incidents()).as("one attacker address: one attack however many days").hasSize(1);
    }

    /** The alert as one naming the Entra session it concerns. */
    private static Alert inSession(Alert a, String session) {
        Alert.Infrastructure in = a.infrastructure();
        return new Alert(a.id(), a.tenant(), a.userKey(), a.user(), a.detectionId(), a.title(), a.severity(), a.confidence(),
                a.start(), a.end(), a.stage(), a.techniques(), a.explanation(),
                new Alert.Infrastructure(in.ips(), in.asns(), in.userAgents(), List.of(session)), a.artifacts(), a.evidence());
    }

    private static Alert tokenWithoutMfa(String user, Instant at, String ip) {
        return alert("token-without-mfa", Severity.MEDIUM, KillChainStage.REPLAY, user, at, Duration.ZERO, ip, CHROME);
    }

    @Test
    void oneSessionReusedFromANewResidentialNetworkWithNothingAfterItIsANotice() {
        tracker.accept(tokenWithoutMfa("alice@contoso.com", T0, ISP_IP_A));

        assertThat(drain()).as("no incident").isEmpty();
        assertThat(tracker.snapshot().incidents()).isEmpty();
        assertThat(tracker.snapshot().notices()).singleElement()
                .satisfies(n -> assertThat(n.severity()).isEqualTo(Severity.MEDIUM));

        // anything after it — here the persistence it was the start of — makes it the incident it was
        tracker.accept(persistence("alice@contoso.com", T0.plusSeconds(1200), ISP_IP_A));
        assertThat(drain()).singleElement().satisfies(u -> assertThat(u.incident().alerts()).hasSize(2));
        assertThat(tracker.snapshot().notices()).isEmpty();
    }

    @Test
    void theSameSignalFromAHostingNetworkIsAnIncident() {
        tracker.accept(tokenWithoutMfa("alice@contoso.com", T0, DO_IP));

        assertThat(tracker.snapshot().incidents()).singleElement()
                .satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void alertsSharingASessionJoinOneIncidentAcrossDaysAndKeepItsId() {
        tracker.accept(inSession(replay("alice@contoso.com", T0, DO_IP), "sess-1"));
        String id = tracker.snapshot().incidents().get(0).id();
        // three days later, from another address, the same stolen session makes an inbox rule
        tracker.accept(inSession(persistence("alice@contoso.com", T0.plus(Duration.ofDays(3)), "198.51.100.7"), "sess-1"));
        // and an unrelated alert days later, with nothing in common, is an incident of its own
        tracker.accept(hosting("alice@contoso.com", T0.plus(Duration.ofDays(6)), DO_IP_2, CHROME));

        assertThat(tracker.snapshot().incidents()).hasSize(2)
                .anySatisfy(i -> {
                    assertThat(i.id()).isEqualTo(id);
                    assertThat(i.alerts()).extracting(Alert::detectionId).containsExactly("session-replay", "signin-then-persistence");
                    assertThat(i.severity()).isEqualTo(Severity.CRITICAL);
                });
    }

    @Test
    void sharedInfrastructureJoinsOnlyWithinTheSameAttackSpan() {
        tracker.accept(replay("alice@contoso.com", T0, DO_IP));
        tracker.accept(replay("alice@contoso.com", T0.plus(Duration.ofDays(20)), DO_IP));

        assertThat(tracker.snapshot().incidents()).as("a month apart is another attack").hasSize(2);
    }
}
