package io.aitmdefense.respond.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.plan.Check;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.StepResult;

import java.util.List;
import java.util.Locale;

/**
 * Plans ({@code aitm.plan/1}) and runs ({@code aitm.respond-run/1}) as JSON, written field by field so a Java rename
 * never changes the format. docs/respond.md describes the fields.
 */
public final class PlanJson {
    public static final String RUN_SCHEMA = "aitm.respond-run/1";

    private PlanJson() {
    }

    public static ObjectNode plan(Plan p) {
        ObjectNode n = Json.object();
        n.put("schema", Plan.SCHEMA);
        Findings f = p.findings();
        n.put("incident", f.incidentId());
        n.put("tenant", f.tenant());
        n.put("user", f.user());
        n.put("confidence", f.confidence());
        n.put("created", p.created().toString());
        n.putObject("window").put("firstActivity", f.firstActivity().toString()).put("lastActivity", f.lastActivity().toString());
        strings(n.putArray("detections"), f.detections());
        n.put("refused", p.refused());
        ArrayNode pre = n.putArray("preflight");
        for (Check c : p.preflight()) {
            pre.addObject().put("check", c.name()).put("status", c.status().name().toLowerCase(Locale.ROOT)).put("message", c.message());
        }
        ArrayNode steps = n.putArray("steps");
        for (Step s : p.steps()) steps.add(step(s));
        strings(n.putArray("campaignUsersToReview"), f.campaignUsers());
        strings(n.putArray("attackerIps"), f.ips());
        strings(n.putArray("warnings"), p.warnings());
        n.put("script", p.script());
        return n;
    }

    static ObjectNode step(Step s) {
        ObjectNode n = Json.object();
        n.put("id", s.id());
        n.put("kind", s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        n.put("title", s.title());
        n.put("request", s.request());
        n.put("permission", s.kind().permission());
        n.put("reversible", s.kind().reversible());
        n.put("gate", s.gate().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        strings(n.putArray("evidence"), s.evidence());
        strings(n.putArray("notes"), s.notes());
        return n;
    }

    public static ObjectNode run(RunReport r) {
        ObjectNode n = Json.object();
        n.put("schema", RUN_SCHEMA);
        n.put("incident", r.plan().findings().incidentId());
        n.put("user", r.plan().findings().user());
        n.put("actor", r.actor());
        n.put("approval", r.approval().label());
        n.put("started", r.started().toString());
        n.put("finished", r.finished().toString());
        n.put("failed", r.failed());
        ArrayNode steps = n.putArray("steps");
        for (StepResult s : r.results()) {
            ObjectNode e = step(s.step());
            e.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            e.put("time", s.time().toString());
            e.put("before", s.before());
            e.put("change", s.change());
            e.put("message", s.message());
            strings(e.putArray("auditHashes"), s.auditHashes());
            steps.add(e);
        }
        r.bundle().ifPresent(b -> n.putObject("evidence").put("folder", b.folder().toString())
                .put("manifestSha256", b.manifestSha256()).put("files", b.files().size()).put("failedReads", b.failed().size()));
        return n;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
