package io.aitmdefense.harden.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedContext;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.harden.plan.PromisedCell;
import io.aitmdefense.harden.plan.ProtectedActionBinding;
import io.aitmdefense.harden.verify.PlanVerification;
import io.aitmdefense.posture.assess.ControlScore;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code plan.json}, schema {@value HardenPlan#SCHEMA}: the plan for machines (and for {@code aitm harden gate} and
 * {@code apply}). Written field by field so a Java rename never changes the published format; documented in
 * docs/harden.md.
 */
public final class PlanJson {

    public static final String FILE = "plan.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanJson() {
    }

    public static String write(HardenPlan plan, List<ApplyStep> steps, Optional<PlanVerification> verification) {
        ObjectNode o = F.objectNode();
        o.put("schema", HardenPlan.SCHEMA);
        o.put("prefix", plan.options().prefix());
        o.put("pilotGroup", plan.options().pilotGroup());
        ObjectNode bg = o.putObject("breakGlass");
        strings(bg.putArray("users"), plan.options().breakGlass().users());
        strings(bg.putArray("groups"), plan.options().breakGlass().groups());
        ArrayNode contexts = o.putArray("authenticationContexts");
        for (PlannedContext c : plan.contexts()) {
            ObjectNode x = contexts.addObject();
            x.put("id", c.context().id());
            x.put("displayName", c.context().displayName());
            x.put("decision", word(c.decision().name()));
        }
        ArrayNode policies = o.putArray("policies");
        for (PlannedPolicy p : plan.policies()) {
            ObjectNode x = policies.addObject();
            x.put("target", p.target().key());
            x.put("displayName", p.displayName());
            x.put("decision", word(p.decision().name()));
            if (p.existingId().isPresent()) x.put("existingId", p.existingId().get());
            else x.putNull("existingId");
            x.put("microsoftManaged", p.microsoftManaged());
            x.put("state", p.plannedState().graphName());
            x.put("change", p.generated() ? "" : p.change().describe());
            x.put("userAction", !p.policy().conditions().applications().includeUserActions().isEmpty());
            x.put("graphVersion", p.target().graphVersion());
            x.put("terraform", p.generated() ? p.target().terraformExpressible() ? "azuread_conditional_access_policy"
                    : "msgraph_resource" : "msgraph_update_resource");
            x.put("killChainStep", p.target().step().label());
            strings(x.putArray("closes"), p.target().closes().stream().map(c -> c.id()).toList());
            ArrayNode cells = x.putArray("promisedCells");
            for (PromisedCell c : p.target().cells()) {
                ObjectNode cell = cells.addObject();
                cell.put("step", c.step().label());
                cell.put("control", c.control().label());
            }
            x.put("why", p.why());
            strings(x.putArray("overlaps"), p.overlaps());
        }
        ArrayNode bindings = o.putArray("protectedActions");
        for (ProtectedActionBinding b : plan.bindings()) {
            ObjectNode x = bindings.addObject();
            x.put("resourceAction", b.actionId());
            x.put("authenticationContextId", b.contextId());
            x.put("requiresPolicyOn", b.requiresPolicy());
        }
        ArrayNode stepsOut = o.putArray("steps");
        for (ApplyStep s : steps) {
            ObjectNode x = stepsOut.addObject();
            x.put("order", s.order());
            x.put("file", "graph/" + s.file());
            x.put("method", s.method());
            x.put("apiVersion", s.apiVersion());
            x.put("path", s.path());
            x.put("what", s.what());
            if (s.requires().isPresent()) x.put("requires", s.requires().get());
            else x.putNull("requires");
            x.put("deferred", s.deferred());
        }
        strings(o.putArray("notes"), plan.notes());
        verification.ifPresent(v -> o.set("verification", verification(v)));
        return JsonText.pretty(o);
    }

    private static ObjectNode verification(PlanVerification v) {
        ObjectNode o = F.objectNode();
        o.set("scoreBefore", score(v.before()));
        o.set("scoreAfter", score(v.after()));
        o.put("promisesKept", v.promisesKept());
        ArrayNode cells = o.putArray("cells");
        for (PlanVerification.Cell c : v.cells()) {
            ObjectNode x = cells.addObject();
            x.put("step", c.step().label());
            x.put("control", c.control().label());
            x.put("before", c.before().label());
            x.put("after", c.after().label());
            strings(x.putArray("afterPolicies"), c.afterPolicies());
        }
        ArrayNode findings = o.putArray("findings");
        for (PlanVerification.FindingClosure f : v.findings()) {
            ObjectNode x = findings.addObject();
            x.put("id", f.findingId());
            x.put("policy", f.policy());
            x.put("before", f.before());
            x.put("after", f.after());
        }
        ArrayNode replays = o.putArray("replays");
        for (PlanVerification.Replay r : v.replays()) {
            ObjectNode x = replays.addObject();
            x.put("persona", r.persona().label());
            x.put("target", r.target().label());
            x.put("platform", r.platform().graphName());
            x.put("client", r.client().graphName());
            x.put("before", r.before().label());
            x.put("after", r.after().label());
            strings(x.putArray("stoppedBy"), r.stoppedBy());
            x.put("tokenProtectionCanBind", r.tokenProtectionCanBind());
        }
        strings(o.putArray("gaps"), v.gaps());
        return o;
    }

    private static ObjectNode score(ControlScore s) {
        ObjectNode o = F.objectNode();
        o.put("total", s.total());
        o.put("max", s.max());
        for (ControlScore.Entry e : s.entries()) o.put(e.control().label(), e.level().label());
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String word(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }
}
