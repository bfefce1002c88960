package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.emit.ApplySteps;
import io.aitmdefense.harden.emit.PlanJson;
import io.aitmdefense.harden.gate.GateJson;
import io.aitmdefense.harden.gate.GateReport;
import io.aitmdefense.harden.gate.Ring;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.Locale;

/**
 * {@code GET /api/v1/harden}: the AiTM policy set planned from the serve file's export as {@code aitm harden plan}
 * plans it (checked by the posture evaluator), where each policy stands in its rollout ring, and the rollout gate's
 * verdicts over the serve file's sign-in logs as {@code aitm harden gate} gives them, one report per ring.
 */
final class HardenApi {
    static final String NO_SIGN_INS = "no sign-in logs: name them in the serve file (posture: {signIns: [folder]}) "
            + "for the rollout gate's verdicts";

    private HardenApi() {
    }

    static void register(RoutesConfig routes, PostureReports reports) {
        routes.get("/api/v1/harden", ctx -> harden(ctx, reports));
    }

    private static void harden(Context ctx, PostureReports reports) {
        if (reports.source().isEmpty()) throw new NotFoundResponse(PostureReports.NO_POSTURE);
        PostureReports.HardenReading r = reports.harden().orElseThrow(() -> new NotFoundResponse(PostureReports.NO_HARDEN));
        Json.ok(ctx, json(r));
    }

    /** {@code aitm.api.harden/1}: the plan and gate reports are the CLI's own documents ({@code aitm.harden-plan/1}, {@code aitm.harden-gate/1}). */
    static ObjectNode json(PostureReports.HardenReading r) {
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.harden/1");
        ObjectNode inputs = out.putObject("inputs");
        ArrayNode exports = inputs.putArray("exports");
        r.export().inputs().forEach(p -> exports.add(p.toString()));
        ArrayNode logs = inputs.putArray("signIns");
        r.settings().signIns().forEach(p -> logs.add(p.toString()));
        r.export().errors().forEach(out.putArray("errors")::add);
        r.export().warnings().forEach(out.putArray("warnings")::add);
        out.put("policies", r.export().policies());
        ObjectNode settings = out.putObject("settings");
        settings.put("pilotGroup", r.settings().pilotGroup().orElse(""));
        r.settings().breakGlass().stream().sorted().forEach(settings.putArray("breakGlass")::add);
        settings.put("prefix", r.settings().prefix());
        r.plan().ifPresent(plan -> out.set("plan", Json.parse(PlanJson.write(plan, ApplySteps.of(plan), r.verification()), "plan")));
        ArrayNode rings = out.putArray("rings");
        for (PostureReports.PolicyRing p : r.rings()) {
            ObjectNode x = rings.addObject();
            x.put("displayName", p.policy().displayName());
            x.put("target", p.policy().target().key());
            x.put("decision", p.policy().decision().name().toLowerCase(Locale.ROOT));
            x.put("deployed", p.deployed());
            x.put("state", p.state());
            x.put("ring", p.ring().map(Ring::word).orElse(null));
            x.put("ringNow", p.ring().map(Ring::now).orElse("disabled"));
            x.put("advanceMeans", p.ring().map(Ring::next).orElse(""));
        }
        ObjectNode signIns = out.putObject("signIns");
        signIns.put("events", r.signIns().events());
        signIns.put("rejected", r.signIns().rejected());
        r.signIns().problems().forEach(signIns.putArray("problems")::add);
        ArrayNode gates = out.putArray("gates");
        for (GateReport g : r.gates()) gates.add(Json.parse(GateJson.write(g), "gate"));
        if (r.settings().signIns().isEmpty()) out.put("gateMissing", NO_SIGN_INS);
        return out;
    }
}
