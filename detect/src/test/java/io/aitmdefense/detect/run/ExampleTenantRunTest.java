package io.aitmdefense.detect.run;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentUpdate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example tenant (single-line Event Hubs captures and Management API records, one four-victim campaign)
 * through the whole run: what a responder gets in each alert and incident.
 */
class ExampleTenantRunTest {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");

    static DetectionRun.Result result;
    static final List<IncidentUpdate> updates = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void run() throws IOException {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        result = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config, Enrichments.load(config, Optional.empty()), 2,
                io.aitmdefense.detect.engine.BatchSettings.defaults(), Progress.NONE, e -> { }, updates::add);
    }

    static List<Alert> alerts() {
        List<Alert> all = new ArrayList<>(result.incidents().alerts());
        all.addAll(result.incidents().notices());
        return all;
    }

    @Test
    void theFourVictimsAreTheIncidentsAndEachIncidentWasStreamedAsItGrew() {
        assertThat(result.incidents().incidents()).extracting(Incident::user).containsExactlyInAnyOrder(
                "lara.fischer@contoso.example", "sofia.gu@contoso.example", "lukas.vance@contoso.example",
                "christie.weber@contoso.example");
        for (Incident i : result.incidents().incidents()) {
            List<IncidentUpdate> mine = updates.stream().filter(u -> u.incident().id().equals(i.id())).toList();
            assertThat(mine.get(0).changes()).contains(IncidentUpdate.Change.CREATED);
            assertThat(mine.get(mine.size() - 1).incident().alerts()).isEqualTo(i.alerts());
        }
    }

    @Test
    void everyAlertHasItsOwnIdAndEveryEvidenceRowNamesItsRecordOnce() {
        List<Alert> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThan(8);
        assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("al-"));
        for (Alert a : alerts) {
            assertThat(a.userKey()).isNotEmpty();
            assertThat(a.evidence()).extracting(Evidence::record).doesNotHaveDuplicates();
            assertThat(a.evidence()).allSatisfy(e -> assertThat(e.record().recordId()).isNotEmpty());
        }
    }

    @Test
    void evidenceInASingleLineEventHubsCapturePointsAtTheRecordInsideTheLine() throws IOException {
        List<RecordRef> refs = alerts().stream().flatMap(a -> a.evidence().stream()).map(Evidence::record)
                .filter(r -> r.idKind() == RecordIdKind.SIGN_IN_REQUEST_ID).toList();
        assertThat(refs).as("sign-in evidence inside the line of an Event Hubs capture").anySatisfy(r -> assertThat(r.index()).isPositive());

        // read the captures again: the record at file, line and index is the one whose id the evidence names
        Map<Source, String> idAt = new HashMap<>();
        new LogReader(1).read(List.of(EXAMPLE.resolve("logs")), (Event e) -> {
            if (e instanceof SignIn s) synchronized (idAt) {
                idAt.put(s.source(), s.id().toString());
            }
        }, Progress.NONE);
        for (RecordRef r : refs) assertThat(idAt.get(new Source(r.file(), r.line(), r.index()))).isEqualTo(r.recordId());
    }

    @Test
    void anInboxRuleAlertCarriesTheRuleItIsAbout() {
        List<Artifact.InboxRule> rules = alerts().stream().flatMap(a -> a.artifacts().stream())
                .filter(Artifact.InboxRule.class::isInstance).map(Artifact.InboxRule.class::cast).toList();
        assertThat(rules).isNotEmpty().allSatisfy(r -> {
            assertThat(r.mailbox()).contains("@contoso.example");
            assertThat(r.name()).isNotNull();
        });
        assertThat(rules).anySatisfy(r -> assertThat(r.recipients()).isNotEmpty());
    }

    @Test
    void microsoftsNetworkIsNeverAttackerInfrastructureAndAddressesHaveTheirCountry() {
        Set<Integer> asns = new HashSet<>();
        for (Incident i : result.incidents().incidents()) {
            i.infrastructure().networks().stream().map(AttackerNetwork::asn).forEach(asns::add);
            i.infrastructure().addresses().stream().map(AttackerAddress::asn).forEach(asns::add);
            assertThat(i.infrastructure().addresses()).isNotEmpty().allSatisfy(a -> assertThat(a.country()).isNotEmpty());
        }
        assertThat(asns).contains(9009).doesNotContain(8075, 8068);
    }

    @Test
    void aRunAgainGivesTheSameAlertAndIncidentIds() throws IOException {
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        DetectionRun.Result again = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config,
                Enrichments.load(config, Optional.empty()), 4, Progress.NONE);

        assertThat(again.incidents().incidents()).extracting(Incident::id)
                .containsExactlyElementsOf(result.incidents().incidents().stream().map(Incident::id).toList());
        assertThat(again.incidents().alerts()).extracting(Alert::id)
                .containsExactlyElementsOf(result.incidents().alerts().stream().map(Alert::id).toList());
    }

    @Test
    void withoutATenantFileNoUserGetsTwoIncidentsForOneCampaignWindow() throws IOException {
        DetectConfig defaults = DetectConfig.defaults();
        DetectionRun.Result bare = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), defaults,
                Enrichments.load(defaults, Optional.empty()), 2, Progress.NONE);

        Map<String, List<Incident>> byUser = new HashMap<>();
        bare.incidents().incidents().forEach(i -> byUser.computeIfAbsent(i.user(), u -> new ArrayList<>()).add(i));
        assertThat(byUser).containsKeys("lara.fischer@contoso.example", "sofia.gu@contoso.example");
        byUser.forEach((user, incidents) -> {
            for (Incident a : incidents) {
                for (Incident b : incidents) {
                    if (a == b) continue;
                    assertThat(a.end().plus(java.time.Duration.ofHours(24)).isBefore(b.start())
                            || b.end().plus(java.time.Duration.ofHours(24)).isBefore(a.start()))
                            .as("%s has incidents %s and %s within one window", user, a.id(), b.id()).isTrue();
                }
            }
        });
    }
}
