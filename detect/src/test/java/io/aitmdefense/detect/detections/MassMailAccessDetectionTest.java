package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
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

class MassMailAccessDetectionTest {

    static Event hostingSignIn(String user, String at) {
        return signIn().user(user).at(at).ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0").session("s-1").build();
    }

    static Event read(String user, String at, int items, String ip, String session) {
        return office("MailItemsAccessed").user(user).at(at).ip(ip).session(session).items(items).recordType(50).build();
    }

    /** Ten ordinary days: two hours of reading about 6 items each, from home. */
    static List<Event> usualReading(String user) {
        List<Event> days = new ArrayList<>();
        for (int d = 20; d <= 28; d++) {
            days.add(read(user, String.format("2025-02-%02dT09:10:00Z", d), 6, "81.2.69.160", "s-home"));
            days.add(read(user, String.format("2025-02-%02dT14:10:00Z", d), 4, "81.2.69.160", "s-home"));
        }
        return days;
    }

    static List<Event> with(List<Event> base, Event... more) {
        List<Event> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aHundredItemsReadFromTheSuspiciousSessionIsHigh() {
        List<Alert> alerts = run(List.of(hostingSignIn("jane@contoso.example", "2025-03-04T09:00:00Z"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 60, "203.0.113.10", "s-1"),
                read("jane@contoso.example", "2025-03-04T09:40:00Z", 45, "203.0.113.10", "s-1")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("mass-mail-access");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.start()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
            assertThat(a.end()).isEqualTo(Instant.parse("2025-03-04T09:40:00Z"));
            assertThat(a.explanation()).startsWith("jane@contoso.example's mailbox had 105 items read in 2 MailItemsAccessed records "
                            + "between 2025-03-04T09:10:00Z and 2025-03-04T09:40:00Z from 203.0.113.10")
                    .contains("the same session or network as a suspicious sign-in to OfficeHome at 2025-03-04T09:00:00Z");
            assertThat(a.infrastructure().sessionIds()).containsExactly("s-1");
            assertThat(a.evidence()).extracting(e -> e.kind())
                    .containsExactly(EventKind.SIGN_IN, EventKind.OFFICE_ACTIVITY, EventKind.OFFICE_ACTIVITY);
        });
    }

    @Test
    void readsWithoutASessionIdAreTiedByAddress() {
        assertThat(run(List.of(hostingSignIn("jane@contoso.example", "2025-03-04T09:00:00Z"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 120, "203.0.113.10", "")))).hasSize(1);
    }

    @Test
    void fewItemsFromTheSuspiciousSessionAreNotMassReading() {
        assertThat(run(List.of(hostingSignIn("jane@contoso.example", "2025-03-04T09:00:00Z"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 60, "203.0.113.10", "s-1")))).isEmpty();
    }

    @Test
    void manyItemsFromTheUsersOwnSessionWithoutABaselineAreNotAnAlert() {
        assertThat(run(List.of(hostingSignIn("jane@contoso.example", "2025-03-04T09:00:00Z"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 500, "81.2.69.160", "s-home")))).isEmpty();
    }

    @Test
    void readingFarAboveTheUsersBaselineIsMedium() {
        List<Alert> alerts = run(with(usualReading("jane@contoso.example"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 400, "81.2.69.160", "s-new")));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.explanation()).contains("80 times the user's usual 5.0 items per active hour over 18 active hours");
        });
    }

    @Test
    void readingAtTheUsualRateIsNotAnAlert() {
        assertThat(run(with(usualReading("jane@contoso.example"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 30, "81.2.69.160", "s-home")))).isEmpty();
    }

    @Test
    void aSuspiciousSignInLongBeforeTheReadsDoesNotTieThem() {
        assertThat(run(List.of(hostingSignIn("jane@contoso.example", "2025-03-03T09:00:00Z"),
                read("jane@contoso.example", "2025-03-04T09:10:00Z", 300, "203.0.113.10", "s-1")))).isEmpty();
    }

    @Test
    void stateIsReleasedAfterTheHistory() {
        KeyedRuntime rt = DetectionHarness.of(new MassMailAccessDetection(DetectConfig.defaults())).runtime(a -> { });
        rt.process(read("jane@contoso.example", "2025-03-04T09:10:00Z", 3, "81.2.69.160", "s-home"));
        rt.advanceWatermark(Instant.parse("2025-03-05T00:00:00Z"));
        assertThat(rt.liveKeys()).isEqualTo(1);
        rt.advanceWatermark(Instant.parse("2025-03-25T00:00:00Z"));
        assertThat(rt.liveKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 64, 2025, 4711})
    void alertsDoNotDependOnArrivalOrder(long seed) {
        List<Event> events = new ArrayList<>();
        for (String user : List.of("jane@contoso.example", "bob@contoso.example")) {
            events.addAll(usualReading(user));
            events.add(hostingSignIn(user, "2025-03-04T09:00:00Z"));
            events.add(read(user, "2025-03-04T09:10:00Z", 70, "203.0.113.10", "s-1"));
            events.add(read(user, "2025-03-04T09:20:00Z", 70, "203.0.113.10", "s-1"));
            events.add(read(user, "2025-03-05T09:20:00Z", 300, "81.2.69.160", "s-home"));
            events.add(read(user, "2025-03-06T09:20:00Z", 20, "81.2.69.160", "s-home"));
        }
        List<Alert> inOrder = DetectionHarness.sorted(run(events));
        assertThat(inOrder).extracting(Alert::severity)
                .containsExactly(Severity.HIGH, Severity.MEDIUM, Severity.HIGH, Severity.MEDIUM);

        Collections.shuffle(events, new Random(seed));
        assertThat(DetectionHarness.sorted(run(events))).isEqualTo(inOrder);
    }

    private static List<Alert> run(List<? extends Event> events) {
        return DetectionHarness.of(new MassMailAccessDetection(DetectConfig.defaults())).run(events);
    }
}
