package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents.SignInBuilder;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class ResidentialProxyReplayDetectionTest {
    static final String SESSION = "5a1f0c2e-0000-4000-8000-00000000abcd";
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";

    static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new ResidentialProxyReplayDetection(DetectConfig.defaults())).run(events);
    }

    /** The victim at home (Comcast), on an unregistered laptop: the browser an AiTM kit proxied. */
    static SignInBuilder home(String at) {
        return signIn().at(at).ip("73.22.10.5").asn(7922).userAgent(CHROME).unmanagedDevice("Windows 10", "Chrome 132.0.0");
    }

    /** The attacker's residential exit in the victim's country (Deutsche Telekom here), the victim's own browser string. */
    static SignInBuilder proxy(String at) {
        return signIn().at(at).session(SESSION).ip("91.64.1.20").asn(3320).userAgent(CHROME)
                .unmanagedDevice("Windows 10", "Chrome 132.0.0").satisfiedByToken();
    }

    /** A day of the user at home before the attack, so that the residential exit is a network the user never used. */
    static List<Event> yesterday() {
        return List.of(home("2025-03-03T08:00:00Z").session("older").build(), home("2025-03-03T16:00:00Z").session("older").build());
    }

    @Test
    void theSessionOnANewResidentialNetworkWhileTheVictimGoesOnUsingItIsMedium() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(home("2025-03-04T09:00:00Z").session(SESSION).build());
        events.add(proxy("2025-03-04T09:20:00Z").build());
        events.add(home("2025-03-04T09:35:00Z").session(SESSION).nonInteractive().satisfiedByToken().build());

        List<Alert> alerts = run(events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("residential-proxy-replay");
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.explanation()).contains("91.64.1.20 (AS3320").contains("with MFA satisfied by the claim in the token")
                    .contains("the client is the same").contains("15 min later the session was back on 73.22.10.5 (AS7922");
            assertThat(a.infrastructure().ips()).containsExactly("91.64.1.20");
            assertThat(a.infrastructure().sessionIds()).containsExactly(SESSION);
            assertThat(a.evidence()).hasSize(2);
        });
        DetectionHarness.of(new ResidentialProxyReplayDetection(DetectConfig.defaults()))
                .assertArrivalOrderDoesNotMatter(events, 7, Duration.ofHours(2), DetectionHarness.sorted(alerts));
    }

    @Test
    void theSessionOnANewNetworkWithNothingAfterItIsANotice() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(home("2025-03-04T09:00:00Z").session(SESSION).build());
        events.add(proxy("2025-03-04T09:20:00Z").build());

        assertThat(run(events)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.NOTICE);
            assertThat(a.explanation()).contains("a notice until a persistence or collection alert joins it");
        });
    }

    @Test
    void aPhoneMovingFromWifiToItsCarrierIsNotAReplay() {
        Device phone = new Device("", "", "Ios", "Mobile Safari", "", false, false);
        String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1";
        List<Event> events = List.of(
                signIn().at("2025-03-03T08:00:00Z").ip("73.22.10.5").asn(7922).device(phone).userAgent(safari).session("older").build(),
                signIn().at("2025-03-04T09:00:00Z").ip("73.22.10.5").asn(7922).device(phone).userAgent(safari).session(SESSION).build(),
                signIn().at("2025-03-04T09:20:00Z").ip("172.56.10.1").asn(21928).device(phone).userAgent(safari).session(SESSION)
                        .satisfiedByToken().build(),
                signIn().at("2025-03-04T09:40:00Z").ip("73.22.10.5").asn(7922).device(phone).userAgent(safari).session(SESSION)
                        .satisfiedByToken().build());

        assertThat(run(events)).isEmpty();
    }

    @Test
    void aNetworkTheUserUsedBeforeIsNotNew() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(proxy("2025-03-03T18:00:00Z").session("older").build()); // the user's evening at a friend's on that ISP
        events.add(home("2025-03-04T09:00:00Z").session(SESSION).build());
        events.add(proxy("2025-03-04T09:20:00Z").build());

        assertThat(run(events)).isEmpty();
    }

    @Test
    void withoutADayOfTheUsersHistoryEveryNetworkIsNewAndNothingIsJudged() {
        assertThat(run(List.of(home("2025-03-04T09:00:00Z").session(SESSION).build(), proxy("2025-03-04T09:20:00Z").build(),
                home("2025-03-04T09:35:00Z").session(SESSION).build()))).isEmpty();
    }

    @Test
    void theUsersOwnRegisteredLaptopOnANewNetworkIsNotJudged() {
        Device laptop = new Device("dev-7", "LAPTOP-JANE", "Windows 10", "Chrome 132.0.0", "Azure AD registered", false, false);
        List<Event> events = List.of(
                home("2025-03-03T08:00:00Z").device(laptop).session("older").build(),
                home("2025-03-04T09:00:00Z").device(laptop).session(SESSION).build(),
                proxy("2025-03-04T09:20:00Z").device(laptop).build(),
                home("2025-03-04T09:35:00Z").device(laptop).session(SESSION).build());

        assertThat(run(events)).isEmpty();
    }
}
