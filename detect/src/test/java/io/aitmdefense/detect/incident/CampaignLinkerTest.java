package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.SharedIndicator;
import io.aitmdefense.model.incident.Sighting;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.aitmdefense.detect.incident.TestAlerts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignLinkerTest {
    private final IncidentBuilder builder = new IncidentBuilder(DetectConfig.defaults(), ENRICHMENT);

    private static Incident of(IncidentSet set, String user) {
        return set.incidents().stream().filter(i -> i.user().equals(user)).findFirst().orElseThrow();
    }

    @Test
    void aSharedHostingAddressLinksUsersIntoOneCampaign() {
        IncidentSet set = builder.build(List.of(
                replay("alice@contoso.com", T0, DO_IP),
                replay("bob@contoso.com", T0.plus(Duration.ofHours(3)), DO_IP),
                travel("carol@contoso.com", T0, ISP_IP_A)));

        assertThat(set.campaigns()).singleElement().satisfies(c -> {
            assertThat(c.users()).containsExactly("alice@contoso.com", "bob@contoso.com");
            assertThat(c.indicators()).extracting(SharedIndicator::value).contains(DO_IP);
            assertThat(c.id()).startsWith("cmp-");
        });
        assertThat(of(set, "alice@contoso.com").blastRadius().otherUsers()).containsExactly("bob@contoso.com");
        assertThat(of(set, "bob@contoso.com").blastRadius().otherUsers()).containsExactly("alice@contoso.com");
        assertThat(of(set, "bob@contoso.com").blastRadius().campaignId()).isEqualTo(set.campaigns().get(0).id());
        // carol's lone impossible-travel is a notice: no incident, so no campaign either
        assertThat(set.incidents()).extracting(Incident::user).doesNotContain("carol@contoso.com");
        assertThat(set.notices()).extracting(Alert::user).containsExactly("carol@contoso.com");
    }

    @Test
    void differentAddressesInOneHostingNetworkLinkUsers() {
        IncidentSet set = builder.build(List.of(
                replay("alice@contoso.com", T0, DO_IP),
                replay("bob@contoso.com", T0, DO_IP_2)));

        assertThat(set.campaigns()).singleElement().satisfies(c -> assertThat(c.indicators())
                .extracting(SharedIndicator::kind, SharedIndicator::value)
                .containsExactly(tuple(SharedIndicator.Kind.ASN, "14061")));
    }

    @Test
    void sharingABigIspNetworkAndAnOrdinaryChromeAgentLinksNoOne() {
        IncidentSet set = builder.build(List.of(
                travel("alice@contoso.com", T0, ISP_IP_A),
                travel("bob@contoso.com", T0, ISP_IP_B)));

        assertThat(set.incidents()).allSatisfy(i -> assertThat(i.infrastructure().userAgents()).containsExactly(CHROME));
        assertThat(set.campaigns()).isEmpty();
        assertThat(set.incidents()).allSatisfy(i -> assertThat(i.blastRadius().inCampaign()).isFalse());
    }

    @Test
    void aSharedScriptingAgentLinksUsersOnUnrelatedNetworks() {
        IncidentSet set = builder.build(List.of(
                hosting("alice@contoso.com", T0, ISP_IP_A, PYTHON),
                hosting("bob@contoso.com", T0, ISP_IP_B, PYTHON)));

        assertThat(set.campaigns()).singleElement().satisfies(c -> assertThat(c.indicators())
                .extracting(SharedIndicator::kind).containsExactly(SharedIndicator.Kind.USER_AGENT));
    }

    @Test
    void microsoftAddressesLinkNoOne() {
        IncidentSet set = builder.build(List.of(
                travel("alice@contoso.com", T0, MS_IP),
                travel("bob@contoso.com", T0, MS_IP)));

        assertThat(set.campaigns()).isEmpty();
    }

    @Test
    void aSharedSessionIdLinksUsers() {
        Alert a = withSession(replay("alice@contoso.com", T0, ISP_IP_A), "0a1b-session");
        Alert b = withSession(replay("bob@contoso.com", T0, ISP_IP_B), "0a1b-session");

        assertThat(builder.build(List.of(a, b)).campaigns()).singleElement().satisfies(c -> assertThat(c.indicators())
                .extracting(SharedIndicator::kind).containsExactly(SharedIndicator.Kind.SESSION));
    }

    @Test
    void linksAreTransitiveAcrossDifferentIndicators() {
        IncidentSet set = builder.build(List.of(
                hosting("alice@contoso.com", T0, DO_IP, PYTHON),
                hosting("bob@contoso.com", T0, ISP_IP_A, PYTHON),
                hosting("carol@contoso.com", T0, ISP_IP_A, CHROME)));

        assertThat(set.campaigns()).singleElement().satisfies(c -> assertThat(c.users())
                .containsExactly("alice@contoso.com", "bob@contoso.com", "carol@contoso.com"));
    }

    @Test
    void campaignsNeedTheConfiguredNumberOfUsers() {
        IncidentBuilder three = new IncidentBuilder(DetectConfig.of(Map.of("incidents", Map.of("campaignMinUsers", 3))), ENRICHMENT);
        List<Alert> two = List.of(replay("alice@contoso.com", T0, DO_IP), replay("bob@contoso.com", T0, DO_IP));

        assertThat(three.build(two).campaigns()).isEmpty();
        assertThat(builder.build(two).campaigns()).hasSize(1);
    }

    @Test
    void aCampaignOfOneUserIsRejectedAsASetting() {
        assertThatThrownBy(() -> new IncidentBuilder(DetectConfig.of(Map.of("incidents", Map.of("campaignMinUsers", 1))), ENRICHMENT))
                .hasMessageContaining("incidents.campaignMinUsers");
    }

    @Test
    void oneUserWithTwoIncidentsOnTheSameAddressIsNoCampaign() {
        IncidentSet set = builder.build(List.of(replay("alice@contoso.com", T0, DO_IP),
                // beyond incidents.sameAttackSpan (14 days), else one address would make them one incident
                replay("alice@contoso.com", T0.plus(Duration.ofDays(20)), DO_IP)));

        assertThat(set.incidents()).hasSize(2);
        assertThat(set.campaigns()).isEmpty();
    }

    @Test
    void usersSeenFromAnAttackerAddressAroundTheIncidentAreAlsoSeen() {
        List<Sighting> sightings = List.of(
                new Sighting("dave@contoso.com", DO_IP, T0.plus(Duration.ofHours(2)), "MailItemsAccessed"),
                new Sighting("dave@contoso.com", DO_IP, T0.plus(Duration.ofHours(3)), "MailItemsAccessed"),
                new Sighting("erin@contoso.com", DO_IP, T0.plus(Duration.ofDays(9)), "MailItemsAccessed"),
                new Sighting("frank@contoso.com", ISP_IP_B, T0, "Send"),
                new Sighting("alice@contoso.com", DO_IP, T0, "MailItemsAccessed"));

        IncidentSet set = builder.build(List.of(replay("alice@contoso.com", T0, DO_IP)), sightings);

        assertThat(set.campaigns()).singleElement().satisfies(c -> {
            assertThat(c.users()).containsExactly("alice@contoso.com");
            assertThat(c.alsoSeen()).singleElement().satisfies(s -> {
                assertThat(s.user()).isEqualTo("dave@contoso.com");
                assertThat(s.time()).isEqualTo(T0.plus(Duration.ofHours(2)));
            });
            assertThat(c.allUsers()).containsExactly("alice@contoso.com", "dave@contoso.com");
        });
        assertThat(set.incidents().get(0).blastRadius().alsoSeenUsers()).containsExactly("dave@contoso.com");
    }

    @Test
    void campaignIdsAreStableAcrossRunsAndInputOrder() {
        List<Alert> alerts = List.of(replay("alice@contoso.com", T0, DO_IP), replay("bob@contoso.com", T0, DO_IP),
                persistence("bob@contoso.com", T0.plusSeconds(600), DO_IP));

        String id = builder.build(alerts).campaigns().get(0).id();
        String again = builder.build(List.of(alerts.get(2), alerts.get(0), alerts.get(1))).campaigns().get(0).id();

        assertThat(again).isEqualTo(id);
        assertThat(builder.build(alerts).campaigns().get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    private static Alert withSession(Alert a, String session) {
        Alert.Infrastructure in = a.infrastructure();
        return new Alert(a.id(), a.tenant(), a.userKey(), a.user(), a.detectionId(), a.title(), a.severity(), a.confidence(), a.start(), a.end(),
                a.stage(), a.techniques(), a.explanation(),
                new Alert.Infrastructure(in.ips(), in.asns(), in.userAgents(), List.of(session)), a.artifacts(), a.evidence());
    }

}
