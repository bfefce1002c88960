package io.aitmdefense.simulate.eval;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.AttackerInfrastructure;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.simulate.eval.EvalReport.DetectionScore;
import io.aitmdefense.simulate.eval.EvalReport.VictimOutcome;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.EventRef;
import io.aitmdefense.simulate.truth.Infrastructure;
import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.StageTruth;
import io.aitmdefense.simulate.truth.Technique;
import io.aitmdefense.simulate.truth.VictimTruth;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class EvaluatorTest {
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final String ATTACKER_IP = "203.0.113.10";
    private static final Source REPLAY_LINE = new Source("logs/la/SigninLogs/2026-01-06.ndjson", 42);

    /** jane: phished, replayed at 10:00, inbox rule at 10:30. bob: phished only, the attacker never came back. */
    private static final CampaignTruth CAMPAIGN = new CampaignTruth("campaign-01", Technique.EVILGINX_COOKIE_REPLAY, List.of(
            new VictimTruth("Jane@contoso.example", "u-1", "office-worker", false, List.of(
                    stage(Stage.PHISH, "2026-01-06T09:50:00Z", "phish-1"),
                    stage(Stage.REPLAY, "2026-01-06T10:00:00Z", "replay-1"),
                    stage(Stage.INBOX_RULE, "2026-01-06T10:30:00Z", "rule-1"))),
            new VictimTruth("bob@contoso.example", "u-2", "office-worker", false, List.of(
                    stage(Stage.PHISH, "2026-01-06T11:00:00Z", "phish-2")))),
            new Infrastructure(List.of(ATTACKER_IP), List.of(14061), List.of(), List.of()));

    private static StageTruth stage(Stage stage, String time, String id) {
        return new StageTruth(stage, time, List.of(new EventRef("SIGN_INS", id, "", "", "", ATTACKER_IP, time)));
    }

    private static Evaluator evaluator(long userDays) {
        List<VictimCase> cases = new ArrayList<>();
        CAMPAIGN.victims().forEach(v -> cases.add(VictimCase.of(CAMPAIGN, v)));
        return new Evaluator(cases, userDays, WINDOW);
    }

    private static RecordLocator locatorWithReplayLine() {
        RecordLocator records = new RecordLocator(evaluator(1).attackerRecordIds());
        SignIn replay = signIn().id("replay-1").source(REPLAY_LINE).build();
        records.accept(replay);
        records.accept(signIn().id("benign-9").source(new Source("x", 1)).build());
        return records;
    }

    private static Alert alert(String detection, String user, String start, String end, List<String> ips, Source... evidence) {
        List<Evidence> ev = new ArrayList<>();
        for (Source s : evidence) {
            ev.add(new Evidence(new RecordRef(s.file(), s.line(), s.index(), "", RecordIdKind.NONE), EventKind.SIGN_IN,
                    Instant.parse(start), "sign-in"));
        }
        return new Alert(Alert.idOf("", detection, user, start), "", user, user, detection, detection, Severity.HIGH, 0.8,
                Instant.parse(start), Instant.parse(end), KillChainStage.REPLAY, List.of("T1539"), "why",
                new Alert.Infrastructure(ips, List.of(), List.of(), List.of()), List.of(), ev);
    }

    private static Incident incident(String user, List<Alert> alerts) {
        Instant start = alerts.stream().map(Alert::start).min(Instant::compareTo).orElseThrow();
        Instant end = alerts.stream().map(Alert::end).max(Instant::compareTo).orElseThrow();
        return new Incident("inc-" + user, "", user, user, Severity.HIGH, 0.8, start, end, List.of(KillChainStage.REPLAY), List.of(),
                new AttackerInfrastructure(List.of(), List.of(), List.of(), List.of()), "summary", alerts, BlastRadius.NONE,
                List.of());
    }

    private static EvalReport score(long userDays, Incident... incidents) {
        List<DetectionInfo> catalogue = List.of();
        return evaluator(userDays).score(new IncidentSet(List.of(incidents), List.of()), locatorWithReplayLine(), catalogue);
    }

    @Test
    void anIncidentOfAVictimDuringTheAttackIsTruePositiveAndOneOfAnotherUserIsFalse() {
        Incident jane = incident("jane@contoso.example",
                List.of(alert("session-replay", "jane@contoso.example", "2026-01-06T10:00:00Z", "2026-01-06T10:05:00Z", List.of())));
        Incident carol = incident("carol@contoso.example",
                List.of(alert("hosting-ip-signin", "carol@contoso.example", "2026-01-06T10:00:00Z", "2026-01-06T10:00:00Z", List.of())));

        EvalReport report = score(1000, jane, carol);

        assertThat(report.incidents().truePositives()).isEqualTo(1);
        assertThat(report.incidents().falsePositives()).isEqualTo(1);
        assertThat(report.incidents().precision()).isEqualTo(0.5);
        assertThat(report.incidents().falsePositivesPer10kUserDays(report.userDays())).isEqualTo(10.0);
    }

    @Test
    void aVictimsIncidentLongAfterTheAttackWindowIsFalsePositive() {
        Incident later = incident("jane@contoso.example",
                List.of(alert("hosting-ip-signin", "jane@contoso.example", "2026-01-09T10:00:00Z", "2026-01-09T10:00:00Z", List.of())));
        Incident withinWindow = incident("jane@contoso.example",
                List.of(alert("hosting-ip-signin", "jane@contoso.example", "2026-01-07T09:00:00Z", "2026-01-07T09:00:00Z", List.of())));

        assertThat(score(1000, later).incidents().falsePositives()).isEqualTo(1);
        assertThat(score(1000, withinWindow).incidents().truePositives()).isEqualTo(1);
    }

    @Test
    void recallCountsOnlyVictimsWhoseAttackerReplayedOrPersisted() {
        Incident jane = incident("jane@contoso.example",
                List.of(alert("session-replay", "jane@contoso.example", "2026-01-06T10:00:00Z", "2026-01-06T10:05:00Z", List.of())));

        EvalReport caught = score(1000, jane);
        assertThat(caught.incidents().victimsInScope()).isEqualTo(1); // bob was only phished
        assertThat(caught.incidents().recall()).isEqualTo(1.0);
        assertThat(caught.incidents().victimsTotalDetected()).isEqualTo(1);
        assertThat(caught.goalsMet()).isTrue();

        EvalReport missed = score(1000);
        assertThat(missed.incidents().recall()).isZero();
        assertThat(missed.goals()).filteredOn(g -> !g.met()).extracting(EvalReport.Goal::name)
                .containsExactly("incident recall (victims reaching replay or persistence)");
    }

    @Test
    void anAlertIsTruePositiveByItsEvidenceOrByAttackerAddressDuringTheAttack() {
        Alert byEvidence = alert("token-without-mfa", "jane@contoso.example", "2026-01-06T10:00:00Z", "2026-01-06T10:00:00Z",
                List.of(), REPLAY_LINE);
        Alert byAddress = alert("hosting-ip-signin", "jane@contoso.example", "2026-01-06T10:20:00Z", "2026-01-06T10:20:00Z",
                List.of(ATTACKER_IP));
        Alert ownNetwork = alert("impossible-travel", "jane@contoso.example", "2026-01-06T10:20:00Z", "2026-01-06T10:20:00Z",
                List.of("81.2.69.160"), new Source("x", 1));
        Alert otherUser = alert("hosting-ip-signin", "carol@contoso.example", "2026-01-06T10:20:00Z", "2026-01-06T10:20:00Z",
                List.of(ATTACKER_IP), REPLAY_LINE);

        EvalReport report = score(1000, incident("jane@contoso.example", List.of(byEvidence, byAddress, ownNetwork)),
                incident("carol@contoso.example", List.of(otherUser)));

        assertThat(report.detections()).extracting(DetectionScore::id, DetectionScore::truePositives, DetectionScore::falsePositives)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("token-without-mfa", 1, 0),
                        org.assertj.core.groups.Tuple.tuple("hosting-ip-signin", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("impossible-travel", 0, 1));
    }

    @Test
    void detectionRecallIsOverTheVictimsItAppliesTo() {
        Alert rule = alert("signin-then-persistence", "jane@contoso.example", "2026-01-06T10:00:00Z", "2026-01-06T10:30:00Z",
                List.of(ATTACKER_IP));

        DetectionScore persistence = score(1000, incident("jane@contoso.example", List.of(rule))).detections().get(0);

        // only jane reached persistence: bob's missing rule alert does not count against the detection
        assertThat(persistence.applicableVictims()).isEqualTo(1);
        assertThat(persistence.recall()).hasValue(1.0);
        assertThat(persistence.precision()).hasValue(1.0);
        assertThat(DetectionScope.applies("device-code-phish", VictimCase.of(CAMPAIGN, CAMPAIGN.victims().get(0)))).isFalse();
    }

    @Test
    void timeToDetectRunsFromTheFirstReplayToTheFirstMatchingAlertsStartAndEnd() {
        Alert late = alert("signin-then-persistence", "jane@contoso.example", "2026-01-06T10:00:00Z", "2026-01-06T10:30:00Z",
                List.of(ATTACKER_IP));
        Alert proxySignIn = alert("hosting-ip-signin", "jane@contoso.example", "2026-01-06T09:50:00Z", "2026-01-06T09:50:00Z",
                List.of(ATTACKER_IP));

        VictimOutcome jane = score(1000, incident("jane@contoso.example", List.of(late))).victims().stream()
                .filter(v -> v.user().equals("jane@contoso.example")).findFirst().orElseThrow();
        assertThat(jane.detected()).isTrue();
        assertThat(jane.replayToAlertStart()).contains(Duration.ZERO);
        assertThat(jane.replayToAlertEnd()).contains(Duration.ofMinutes(30));

        // an alert on the phishing proxy's own sign-in comes before the replay: the delay is negative
        VictimOutcome early = score(1000, incident("jane@contoso.example", List.of(late, proxySignIn))).victims().get(1);
        assertThat(early.user()).isEqualTo("jane@contoso.example");
        assertThat(early.replayToAlertStart()).contains(Duration.ofMinutes(-10));
    }

    @Test
    void theLocatorKeepsOnlyAttackerRecords() {
        RecordLocator records = locatorWithReplayLine();
        assertThat(records.recordAt(REPLAY_LINE)).contains("replay-1");
        assertThat(records.recordAt(new Source("x", 1))).isEmpty();
        assertThat(evaluator(1).attackerRecordIds()).isEqualTo(Set.of("phish-1", "replay-1", "rule-1", "phish-2"));
    }
}
