package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.KeyedRuntime;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class BecSendDetectionTest {
    static final String JANE = "jane@contoso.example";

    static Event hostingSignIn(String user, String at) {
        return signIn().user(user).at(at).ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").session("s-1").build();
    }

    /** {@code n} sends a minute apart from {@code start}, with the given subject pattern ("%d" for a number). */
    static List<Event> sends(String user, Instant start, int n, String ip, String session, String subject) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(office("Send").user(user).at(start.plusSeconds(60L * i)).ip(ip).session(session).recordType(2)
                    .subject(String.format(subject, i)).build());
        }
        return out;
    }

    static List<Event> all(Event first, List<Event> rest) {
        List<Event> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }

    @Test
    void aPhishingWaveFromTheSuspiciousSessionIsCritical() {
        List<Alert> alerts = run(all(hostingSignIn(JANE, "2025-03-04T09:00:00Z"),
                sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 12, "203.0.113.10", "s-1", "Shared document: Q1 payment schedule")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("bec-send");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.stage()).isEqualTo(KillChainStage.LATERAL_MOVEMENT);
            assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
            assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:41:00Z"));
            assertThat(a.explanation()).startsWith("jane@contoso.example sent 12 messages (Send) between 2025-03-04T09:30:00Z and "
                            + "2025-03-04T09:41:00Z from 203.0.113.10")
                    .contains("the same session or network as a suspicious sign-in to OfficeHome at 2025-03-04T09:00:00Z")
                    .contains("12 of them with the subject 'Shared document: Q1 payment schedule'");
            assertThat(a.evidence()).first().satisfies(e -> assertThat(e.kind()).isEqualTo(EventKind.SIGN_IN));
            assertThat(a.evidence()).hasSize(13);
        });
    }

    @Test
    void aBurstOfDifferentMessagesIsHigh() {
        assertThat(run(all(hostingSignIn(JANE, "2025-03-04T09:00:00Z"),
                sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 10, "203.0.113.10", "", "RE: invoice %d"))))
                .singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.HIGH);
                    assertThat(a.explanation()).contains("subjects: 'RE: invoice 0', 'RE: invoice 1'");
                });
    }

    @Test
    void fewerSendsThanTheThresholdAreNotABurst() {
        assertThat(run(all(hostingSignIn(JANE, "2025-03-04T09:00:00Z"),
                sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 9, "203.0.113.10", "s-1", "hello")))).isEmpty();
    }

    @Test
    void manySendsFromTheUsersOwnSessionAreNotAnAlert() {
        assertThat(run(all(hostingSignIn(JANE, "2025-03-04T09:00:00Z"),
                sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 30, "81.2.69.160", "s-home", "Newsletter")))).isEmpty();
        assertThat(run(all(signIn().at("2025-03-04T09:00:00Z").ip("81.2.69.160").asn(7922).session("s-home").build(),
                sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 30, "81.2.69.160", "s-home", "Newsletter")))).isEmpty();
    }

    @Test
    void sendsLongAfterTheSuspiciousSignInAreNotTiedToIt() {
        assertThat(run(all(hostingSignIn(JANE, "2025-03-03T09:00:00Z"),
                sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 12, "203.0.113.10", "s-1", "hello")))).isEmpty();
    }

    @Test
    void stateIsReleasedAfterTheWindows() {
        KeyedRuntime rt = DetectionHarness.of(new BecSendDetection(DetectConfig.defaults())).runtime(a -> { });
        all(hostingSignIn(JANE, "2025-03-04T09:00:00Z"), sends(JANE, Instant.parse("2025-03-04T09:30:00Z"), 3, "203.0.113.10", "s-1", "x"))
                .forEach(rt::process);
        rt.advanceWatermark(Instant.parse("2025-03-05T00:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-25T00:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 99, 1001, 65536})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of(JANE, "bob@contoso.example")) {
            events.add(hostingSignIn(user, "2025-03-04T09:00:00Z"));
            events.addAll(sends(user, Instant.parse("2025-03-04T09:30:00Z"), 15, "203.0.113.10", "s-1", "Invoice"));
            events.addAll(sends(user, Instant.parse("2025-03-04T11:00:00Z"), 10, "203.0.113.10", "s-1", "RE: %d"));
            events.addAll(sends(user, Instant.parse("2025-03-05T11:00:00Z"), 20, "81.2.69.160", "s-home", "RE: %d"));
        }
        List<Alert> inOrder = DetectionHarness.sorted(run(events));
        assertThat(inOrder).extracting(Alert::severity)
                .containsExactly(Severity.HIGH, Severity.CRITICAL, Severity.HIGH, Severity.CRITICAL); // same start: by explanation

        Collections.shuffle(events, new Random(seed));
        assertThat(DetectionHarness.sorted(run(events))).isEqualTo(inOrder);
    }

    private static List<Alert> run(List<? extends Event> events) {
        return DetectionHarness.of(new BecSendDetection(DetectConfig.defaults())).run(events);
    }
}
