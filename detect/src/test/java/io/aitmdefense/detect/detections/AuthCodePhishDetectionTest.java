package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
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

class AuthCodePhishDetectionTest {
    static final String VS_CODE = "aebc6443-996d-45c2-90f0-388ff96faa56";

    static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new AuthCodePhishDetection(DetectConfig.defaults())).run(events);
    }

    static SignInBuilder home(String at) {
        return signIn().at(at).ip("73.22.10.5").asn(7922).unmanagedDevice("Windows 10", "Edge 131.0.0");
    }

    static SignInBuilder vsCode(SignInBuilder b) {
        return b.app(VS_CODE, "Visual Studio Code").resource("00000003-0000-0000-c000-000000000000", "Microsoft Graph");
    }

    static List<Event> yesterday() {
        return new ArrayList<>(List.of(home("2025-03-03T08:00:00Z").build(), home("2025-03-03T15:00:00Z").build()));
    }

    @Test
    void theVictimSignsInToVsCodeAtHomeAndTheCodeIsRedeemedElsewhereMinutesLater() {
        List<Event> events = yesterday();
        events.add(vsCode(home("2025-03-04T09:00:00Z")).build());
        events.add(vsCode(signIn().at("2025-03-04T09:07:00Z").nonInteractive().ip("91.64.1.20").asn(3320)
                .unmanagedDevice("", "").userAgent("python-requests/2.32.3")).satisfiedByToken().build());

        List<Alert> alerts = run(events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("auth-code-phish");
            assertThat(a.severity()).as("the user had never used Visual Studio Code").isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).contains("signed in to Visual Studio Code from 73.22.10.5 (AS7922")
                    .contains("7 min later Visual Studio Code (Microsoft Graph) was signed in non-interactively from 91.64.1.20 (AS3320");
            assertThat(a.infrastructure().ips()).containsExactly("91.64.1.20");
        });
        DetectionHarness.of(new AuthCodePhishDetection(DetectConfig.defaults()))
                .assertArrivalOrderDoesNotMatter(events, 3, Duration.ofHours(1), DetectionHarness.sorted(alerts));
    }

    @Test
    void aDeveloperWhoUsesTheClientIsMediumWhenTheTokenTurnsUpOnANewNetwork() {
        List<Event> events = yesterday();
        events.add(vsCode(home("2025-03-03T10:00:00Z")).build());
        events.add(vsCode(home("2025-03-04T09:00:00Z")).build());
        events.add(vsCode(signIn().at("2025-03-04T09:07:00Z").nonInteractive().ip("91.64.1.20").asn(3320)).build());

        assertThat(run(events)).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void aDevelopersOwnDevboxIsAKnownNetwork() {
        List<Event> events = yesterday();
        events.add(vsCode(home("2025-03-03T10:00:00Z")).build());
        events.add(vsCode(signIn().at("2025-03-03T10:05:00Z").nonInteractive().ip("203.0.113.10").asn(14061)).build());
        events.add(vsCode(home("2025-03-04T09:00:00Z")).build());
        events.add(vsCode(signIn().at("2025-03-04T09:04:00Z").nonInteractive().ip("203.0.113.10").asn(14061)).build());

        assertThat(run(events)).isEmpty();
    }

    @Test
    void theClientRefreshingOnTheSameNetworkIsTheUser() {
        List<Event> events = yesterday();
        events.add(vsCode(home("2025-03-04T09:00:00Z")).build());
        events.add(vsCode(home("2025-03-04T09:07:00Z").nonInteractive()).build());

        assertThat(run(events)).isEmpty();
    }

    @Test
    void aRedemptionLongAfterTheWindowIsNotTiedToTheSignIn() {
        List<Event> events = yesterday();
        events.add(vsCode(home("2025-03-04T09:00:00Z")).build());
        events.add(vsCode(signIn().at("2025-03-04T11:00:00Z").nonInteractive().ip("91.64.1.20").asn(3320)).build());

        assertThat(run(events)).isEmpty();
    }
}
