package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.Sighting;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.aitmdefense.detect.incident.TestAlerts.*;
import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AttackerAddressWatchTest {
    private final AttackerAddressWatch watch = new AttackerAddressWatch(Duration.ofHours(73));

    @Test
    void userActivityAndSuccessfulSignInsAreSightingsButFailuresAndSystemActorsAreNot() {
        watch.watch(DO_IP);
        watch.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0).build());
        watch.add(signIn().user("erin@contoso.com").ip(DO_IP).app("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online").at(T0).build());
        watch.add(signIn().user("frank@contoso.com").ip(DO_IP).failed(50126, "Invalid username or password").at(T0).build());
        watch.add(office("Set-Mailbox").user("NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)").ip(DO_IP).at(T0).build());
        watch.add(office("MailItemsAccessed").user("gina@contoso.com").ip("").at(T0).build());

        assertThat(watch.sightings()).extracting(Sighting::user, Sighting::activity).containsExactly(
                tuple("dave@contoso.com", "MailItemsAccessed"),
                tuple("erin@contoso.com", "sign-in to Office 365 Exchange Online"));
    }

    @Test
    void manyEventsOfOneUserAtOneAddressOnOneDayKeepOnlyTheFirstAndLast() {
        watch.watch(DO_IP);
        for (int n = 0; n < 900; n++) {
            watch.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0.plusSeconds(n * 60L)).build());
        }

        assertThat(watch.sightings()).extracting(Sighting::time).containsExactly(T0, T0.plusSeconds(899 * 60L));
    }

    @Test
    void whatWasSeenAtAnAddressBeforeAnAlertNamedItIsKeptWhenItIsWatched() {
        watch.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0).build());
        watch.add(office("MailItemsAccessed").user("erin@contoso.com").ip(ISP_IP_A).at(T0).build());
        assertThat(watch.sightings()).as("nothing is an attacker's address yet").isEmpty();

        watch.watch(DO_IP);

        assertThat(watch.sightings()).extracting(Sighting::user).containsExactly("dave@contoso.com");
    }

    @Test
    void recentAddressesOlderThanTheRetentionGoButWatchedOnesStay() {
        watch.watch(DO_IP);
        watch.add(office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0).build());
        for (int n = 0; n < 50; n++) {
            watch.add(office("MailItemsAccessed").user("u" + n + "@contoso.com").ip("73.1.0." + n).at(T0).build());
        }
        assertThat(watch.addresses()).isEqualTo(51);

        watch.expire(T0.plus(Duration.ofHours(74)));

        assertThat(watch.addresses()).isEqualTo(1);
        watch.watch("73.1.0.7");
        assertThat(watch.sightings()).extracting(Sighting::user).containsExactly("dave@contoso.com");
    }

    @Test
    void aSharedEgressAddressKeepsEveryUserOnceHoweverManyPassThroughIt() {
        watch.watch(DO_IP);
        for (int round = 0; round < 2; round++) {
            for (int n = 0; n < 12; n++) {
                watch.add(office("MailItemsAccessed").user("u" + n + "@contoso.com").ip(DO_IP).at(T0.plusSeconds(round * 60L)).build());
            }
        }

        assertThat(watch.sightings()).hasSize(24).extracting(Sighting::user).containsOnly(
                java.util.stream.IntStream.range(0, 12).mapToObj(n -> "u" + n + "@contoso.com").toArray(String[]::new));
        assertThat(watch.sightings()).filteredOn(s -> s.user().equals("u11@contoso.com")).extracting(Sighting::time)
                .containsExactly(T0, T0.plusSeconds(60));
    }

    @Test
    void anAddressCarriesTheCountryItsSignInWasPlacedIn() {
        watch.add(signIn().user("erin@contoso.com").ip(DO_IP).geo("Amsterdam", "NL", 52.37, 4.89).at(T0).build());

        assertThat(watch.country(DO_IP)).isEqualTo("NL");
        assertThat(watch.country(ISP_IP_A)).isEmpty();
    }
}
