package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Event;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class PersistenceAfterPauseDetectionTest {
    static final String SESSION = "7c0e9a11-0000-4000-8000-000000000001";

    static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new PersistenceAfterPauseDetection(DetectConfig.defaults())).run(events);
    }

    static Event hostingReplay(String at) {
        return signIn().at(at).session(SESSION).ip("203.0.113.10").asn(14061).unmanagedDevice("Windows 10", "Chrome 132.0.0")
                .satisfiedByToken().build();
    }

    static Event rule(String at, String ip, List<String> forwardTo) {
        return office("New-InboxRule").at(at).ip(ip).artifact(new Artifact.InboxRule("New-InboxRule", ".", true, "invoice",
                forwardTo, List.of(), List.of(), true, true, "", true, "jane", "")).build();
    }

    @Test
    void aRuleFromTheReplayAddressDaysLaterIsHigh() {
        List<Event> events = List.of(hostingReplay("2025-03-04T09:00:00Z"), rule("2025-03-06T14:00:00Z", "203.0.113.10", List.of()));

        List<Alert> alerts = run(events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("persistence-after-pause");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).contains("2 days after a suspicious sign-in to OfficeHome at 2025-03-04T09:00:00Z")
                    .contains("from the same address 203.0.113.10");
            assertThat(a.artifacts()).singleElement().isInstanceOf(Artifact.InboxRule.class);
            assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
        });
        DetectionHarness.of(new PersistenceAfterPauseDetection(DetectConfig.defaults()))
                .assertArrivalOrderDoesNotMatter(events, 5, Duration.ofHours(6), DetectionHarness.sorted(alerts));
    }

    @Test
    void externalForwardingFromTheSameHostingNetworkIsCritical() {
        // the unified audit log names no ASN: the address is looked up
        var digitalOcean = new CuratedEnrichment(TenantContext.EMPTY, ip -> ip.startsWith("203.0.113.")
                ? Optional.of(new AsnDatabase.AsnRecord(14061, "DigitalOcean")) : Optional.empty());
        assertThat(DetectionHarness.of(new PersistenceAfterPauseDetection(DetectConfig.defaults())).withEnrichment(digitalOcean)
                .run(List.of(hostingReplay("2025-03-04T09:00:00Z"), rule("2025-03-05T18:00:00Z", "203.0.113.77", List.of("drop@proton.me")))))
                .singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(a.explanation()).contains("the same hosting network AS14061").contains("drop@proton.me");
                });
    }

    @Test
    void withinTheHourItIsSignInThenPersistencesTier() {
        assertThat(run(List.of(hostingReplay("2025-03-04T09:00:00Z"), rule("2025-03-04T09:30:00Z", "203.0.113.10", List.of()))))
                .isEmpty();
    }

    @Test
    void aRuleFromAnotherNetworkIsNotTied() {
        assertThat(run(List.of(hostingReplay("2025-03-04T09:00:00Z"), rule("2025-03-06T14:00:00Z", "73.22.10.5", List.of()))))
                .isEmpty();
    }

    @Test
    void theUsersOwnNewHomeNetworkCountsOnlyByItsSession() {
        // suspicious only as a token from a new network: the user's new ISP, where they later tidy the inbox
        Event firstDayAtNewIsp = signIn().at("2025-03-04T09:00:00Z").session("browser-1").ip("91.64.1.20").asn(3320)
                .satisfiedByToken().build();
        assertThat(run(List.of(firstDayAtNewIsp, rule("2025-03-06T14:00:00Z", "91.64.1.20", List.of())))).isEmpty();
    }
}
