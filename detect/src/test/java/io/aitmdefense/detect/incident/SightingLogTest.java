package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.Sighting;

import io.aitmdefense.detect.config.DetectConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aitmdefense.detect.incident.TestAlerts.*;
import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SightingLogTest {

    @Test
    void userActivityAndSuccessfulSignInsAreSightingsButFailuresAndSystemActorsAreNot() {
        SightingLog log = new SightingLog();
        log.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0).build());
        log.add(signIn().user("erin@contoso.com").ip(DO_IP).app("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online").at(T0).build());
        log.add(signIn().user("frank@contoso.com").ip(DO_IP).failed(50126, "Invalid username or password").at(T0).build());
        log.add(office("Set-Mailbox").user("NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)").ip(DO_IP).at(T0).build());
        log.add(office("MailItemsAccessed").user("gina@contoso.com").ip("").at(T0).build());

        assertThat(log.sightings()).extracting(Sighting::user, Sighting::activity).containsExactly(
                tuple("dave@contoso.com", "MailItemsAccessed"),
                tuple("erin@contoso.com", "sign-in to Office 365 Exchange Online"));
    }

    @Test
    void manyEventsOfOneUserAtOneAddressOnOneDayKeepOnlyTheFirstAndLast() {
        SightingLog log = new SightingLog();
        for (int n = 0; n < 900; n++) {
            log.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0.plusSeconds(n * 60L)).build());
        }

        assertThat(log.sightings()).extracting(Sighting::time).containsExactly(T0, T0.plusSeconds(899 * 60L));
    }

    @Test
    void sightingsFromTheLogJoinTheCampaignOfTheAttackerAddress() {
        SightingLog log = new SightingLog();
        log.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0.plusSeconds(1800)).build());
        log.add(office("MailItemsAccessed").user("erin@contoso.com").ip(ISP_IP_A).at(T0.plusSeconds(1800)).build());

        IncidentSet set = new IncidentBuilder(DetectConfig.defaults(), ENRICHMENT)
                .build(List.of(replay("alice@contoso.com", T0, DO_IP)), log.sightings());

        assertThat(set.incidents().get(0).blastRadius().alsoSeenUsers()).containsExactly("dave@contoso.com");
    }
}
