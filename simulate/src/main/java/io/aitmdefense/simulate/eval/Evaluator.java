package io.aitmdefense.simulate.eval;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.simulate.eval.EvalReport.DetectionScore;
import io.aitmdefense.simulate.eval.EvalReport.Goal;
import io.aitmdefense.simulate.eval.EvalReport.IncidentScore;
import io.aitmdefense.simulate.eval.EvalReport.VictimOutcome;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.GroundTruth;
import io.aitmdefense.simulate.truth.VictimTruth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Scores incidents and alerts against the truth: pure, so tests can feed hand-built truth and incidents. */
public final class Evaluator {
    public static final double MIN_INCIDENT_RECALL = 1.0;
    public static final double MIN_INCIDENT_PRECISION = 0.95;
    public static final double MAX_FALSE_INCIDENTS_PER_10K_USER_DAYS = 1.0;

    private final List<VictimCase> cases;
    private final long userDays;
    private final Duration window;

    public Evaluator(List<VictimCase> cases, long userDays, Duration window) {
        this.cases = List.copyOf(cases);
        this.userDays = userDays;
        this.window = window;
    }

    public static List<VictimCase> cases(GroundTruth truth) {
        List<VictimCase> out = new ArrayList<>();
        for (CampaignTruth c : truth.campaigns()) {
            for (VictimTruth v : c.victims()) out.add(VictimCase.of(c, v));
        }
        return out;
    }

    /** Every attacker record id in the truth, for the {@link RecordLocator}. */
    public Set<String> attackerRecordIds() {
        Set<String> ids = new HashSet<>();
        cases.forEach(c -> ids.addAll(c.eventIds()));
        return ids;
    }

    public EvalReport score(IncidentSet found, RecordLocator records, List<DetectionInfo> catalogue) {
        Map<String, List<VictimCase>> byUser = new LinkedHashMap<>();
        cases.forEach(c -> byUser.computeIfAbsent(c.user(), u -> new ArrayList<>()).add(c));
        AttackMatcher matcher = new AttackMatcher(byUser, records, window);

        Set<VictimCase> withIncident = new HashSet<>();
        int tpIncidents = 0;
        for (Incident i : found.incidents()) {
            Optional<VictimCase> c = matcher.incidentCase(i);
            if (c.isPresent()) {
                tpIncidents++;
                // one incident may cover a user hit by two campaigns in the same window: both are detected
                for (VictimCase v : byUser.get(c.get().user())) {
                    if (v.overlaps(i.start(), i.end(), window)) withIncident.add(v);
                }
            }
        }
        int incidents = found.incidents().size();

        Map<String, int[]> alertCounts = new TreeMap<>();
        Map<String, Set<VictimCase>> caughtBy = new TreeMap<>();
        Map<VictimCase, Alert> firstAlert = new LinkedHashMap<>();
        catalogue.forEach(d -> alertCounts.put(d.id(), new int[2]));
        for (Alert a : found.alerts()) {
            int[] n = alertCounts.computeIfAbsent(a.detectionId(), k -> new int[2]);
            Optional<VictimCase> c = matcher.alertCase(a);
            if (c.isEmpty()) {
                n[1]++;
                continue;
            }
            n[0]++;
            caughtBy.computeIfAbsent(a.detectionId(), k -> new HashSet<>()).add(c.get());
            firstAlert.merge(c.get(), a, (x, y) -> y.start().isBefore(x.start()) ? y : x);
        }
        List<DetectionScore> detections = new ArrayList<>();
        alertCounts.forEach((id, n) -> {
            int applicable = (int) cases.stream().filter(v -> DetectionScope.applies(id, v)).count();
            int caught = (int) caughtBy.getOrDefault(id, Set.of()).stream().filter(v -> DetectionScope.applies(id, v)).count();
            detections.add(new DetectionScore(id, n[0] + n[1], n[0], n[1], applicable, caught));
        });

        List<VictimOutcome> victims = new ArrayList<>();
        for (VictimCase v : cases) {
            Optional<Alert> first = Optional.ofNullable(firstAlert.get(v));
            Optional<Duration> toStart = v.replay().flatMap(r -> first.map(a -> Duration.between(r, a.start())));
            Optional<Duration> toEnd = v.replay().flatMap(r -> first.map(a -> Duration.between(r, a.end())));
            victims.add(new VictimOutcome(v.user(), v.campaign(), v.technique().name(), v.reachedReplayOrPersistence(),
                    withIncident.contains(v), toStart, toEnd));
        }
        int inScope = (int) cases.stream().filter(VictimCase::reachedReplayOrPersistence).count();
        int inScopeDetected = (int) cases.stream().filter(v -> v.reachedReplayOrPersistence() && withIncident.contains(v)).count();
        IncidentScore score = new IncidentScore(incidents, tpIncidents, incidents - tpIncidents, inScope, inScopeDetected,
                cases.size(), withIncident.size());
        double fpRate = score.falsePositivesPer10kUserDays(userDays);
        List<Goal> goals = List.of(
                new Goal("incident recall (victims reaching replay or persistence)", "100%", score.recall(), true,
                        score.recall() >= MIN_INCIDENT_RECALL),
                new Goal("incident precision", ">= 95%", score.precision(), true, score.precision() >= MIN_INCIDENT_PRECISION),
                new Goal("false-positive incidents per 10,000 user-days", "<= 1", fpRate, false,
                        fpRate <= MAX_FALSE_INCIDENTS_PER_10K_USER_DAYS));
        victims.sort(Comparator.comparing(VictimOutcome::campaign).thenComparing(VictimOutcome::user));
        return new EvalReport(userDays, score, detections, victims, goals);
    }
}
