package io.aitmdefense.simulate.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.simulate.eval.EvalReport.DetectionScore;
import io.aitmdefense.simulate.eval.EvalReport.Goal;
import io.aitmdefense.simulate.eval.EvalReport.IncidentScore;
import io.aitmdefense.simulate.eval.EvalReport.VictimOutcome;
import io.aitmdefense.simulate.truth.GroundTruth;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The JSON form of an evaluation ({@code eval.json}, {@code aitm eval --json}). Ratios are numbers between 0 and 1;
 * a ratio that does not apply (recall of a detection no victim could trigger) is left out rather than written as null;
 * delays are seconds.
 */
public final class EvalJson {
    private final ObjectMapper mapper;

    public EvalJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode document(GroundTruth truth, EvalReport report) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode tenant = root.putObject("tenant");
        tenant.put("seed", truth.seed());
        tenant.put("users", truth.users());
        tenant.put("days", truth.days());
        tenant.put("userDays", report.userDays());
        tenant.put("campaigns", truth.campaigns().size());

        IncidentScore s = report.incidents();
        ObjectNode inc = root.putObject("incidents");
        inc.put("incidents", s.incidents());
        inc.put("truePositives", s.truePositives());
        inc.put("falsePositives", s.falsePositives());
        inc.put("precision", s.precision());
        inc.put("victimsReachingReplayOrPersistence", s.victimsInScope());
        inc.put("victimsReachingReplayOrPersistenceDetected", s.victimsDetected());
        inc.put("recall", s.recall());
        inc.put("victims", s.victimsTotal());
        inc.put("victimsDetected", s.victimsTotalDetected());
        inc.put("falsePositivesPer10kUserDays", s.falsePositivesPer10kUserDays(report.userDays()));

        ArrayNode dets = root.putArray("detections");
        for (DetectionScore d : report.detections()) {
            ObjectNode n = dets.addObject();
            n.put("id", d.id());
            n.put("alerts", d.alerts());
            n.put("truePositives", d.truePositives());
            n.put("falsePositives", d.falsePositives());
            putRatio(n, "precision", d.precision());
            n.put("applicableVictims", d.applicableVictims());
            n.put("detectedVictims", d.detectedVictims());
            putRatio(n, "recall", d.recall());
        }

        ArrayNode victims = root.putArray("victims");
        for (VictimOutcome v : report.victims()) {
            ObjectNode n = victims.addObject();
            n.put("user", v.user());
            n.put("campaign", v.campaign());
            n.put("technique", v.technique());
            n.put("reachedReplayOrPersistence", v.inScope());
            n.put("detected", v.detected());
            putSeconds(n, "replayToFirstAlertStartSeconds", v.replayToAlertStart());
            putSeconds(n, "replayToFirstAlertEndSeconds", v.replayToAlertEnd());
        }

        ArrayNode goals = root.putArray("goals");
        for (Goal g : report.goals()) {
            ObjectNode n = goals.addObject();
            n.put("goal", g.name());
            n.put("target", g.target());
            n.put("measured", g.measured());
            n.put("met", g.met());
        }
        root.put("goalsMet", report.goalsMet());
        return root;
    }

    private static void putRatio(ObjectNode n, String field, OptionalDouble v) {
        if (v.isPresent()) n.put(field, v.getAsDouble());
    }

    private static void putSeconds(ObjectNode n, String field, Optional<Duration> d) {
        d.ifPresent(x -> n.put(field, x.getSeconds()));
    }
}
