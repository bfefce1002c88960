package io.aitmdefense.posture.assess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Locale;

/**
 * The machine-readable assessment ({@code posture.json}). Field names are part of the tool's interface: enum values
 * are lower-case with hyphens, finding ids are the stable {@code AITM-CA-nnn}.
 */
public final class PostureJsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PostureJsonReport() {
    }

    public static String write(PostureAssessment a) {
        try {
            return MAPPER.writeValueAsString(toJson(a));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the assessment", e);
        }
    }

    public static ObjectNode toJson(PostureAssessment a) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode policies = root.putObject("policies");
        policies.put("total", a.policies());
        policies.put("enabled", a.enforcedPolicies());
        policies.put("reportOnly", a.reportOnlyPolicies());

        ObjectNode score = root.putObject("score");
        score.put("total", a.score().total());
        score.put("max", a.score().max());
        ArrayNode controls = score.putArray("controls");
        for (ControlScore.Entry e : a.score().entries()) {
            ObjectNode c = controls.addObject();
            c.put("control", key(e.control()));
            c.put("level", key(e.level()));
            strings(c.putArray("policies"), e.policies());
        }

        ArrayNode matrix = root.putArray("matrix");
        for (CoverageCell cell : a.matrix().cells()) {
            ObjectNode c = matrix.addObject();
            c.put("step", key(cell.step()));
            c.put("stage", key(cell.step().stage()));
            c.put("control", key(cell.control()));
            c.put("status", key(cell.status()));
            strings(c.putArray("policies"), cell.policies());
            ArrayNode personas = c.putArray("personas");
            cell.personas().stream().sorted().forEach(p -> personas.add(key(p)));
            strings(c.putArray("uncovered"), cell.uncovered());
            c.put("note", cell.note());
        }

        ArrayNode replays = root.putArray("replay");
        for (ReplayResult r : a.replays()) {
            ObjectNode o = replays.addObject();
            o.put("persona", key(r.persona()));
            o.put("target", key(r.target()));
            o.set("attacker", verdict(r.attacker()));
            r.fromAllowedCountry().ifPresent(v -> o.set("attackerFromAllowedCountry", verdict(v)));
            o.put("stoppedOnlyByLocation", r.stoppedOnlyByLocation());
            o.set("legitimate", verdict(r.legitimate()));
            ArrayNode variants = o.putArray("variants");
            for (ReplayResult.Variant v : r.variants()) {
                ObjectNode vo = variants.addObject();
                vo.put("platform", v.platform().graphName());
                vo.put("clientApp", v.client().graphName());
                vo.put("outcome", key(v.verdict().outcome()));
            }
            r.note().ifPresent(n -> o.put("note", n));
        }

        ArrayNode permutations = root.putArray("permutations");
        for (ReplayCoverage c : a.permutations()) {
            ObjectNode o = permutations.addObject();
            o.put("persona", key(c.persona()));
            o.put("target", key(c.target()));
            o.put("mixed", c.mixed());
            ArrayNode groups = o.putArray("groups");
            for (ReplayCoverage.Group g : c.groups()) {
                ObjectNode go = groups.addObject();
                go.put("outcome", key(g.outcome()));
                strings(go.putArray("deciding"), g.decidingPolicies());
                go.put("cells", g.cells());
                ArrayNode cells = go.putArray("variants");
                for (ReplayResult.Variant v : g.variants()) {
                    cells.addObject().put("platform", v.platform().graphName()).put("clientApp", v.client().graphName());
                }
            }
        }

        ArrayNode findings = root.putArray("findings");
        for (Finding f : a.findings()) {
            ObjectNode o = findings.addObject();
            o.put("id", f.id());
            o.put("severity", f.severity().label());
            o.put("title", f.check().title());
            o.put("detail", f.detail());
            strings(o.putArray("policies"), f.policies());
            o.put("why", f.check().why());
            o.put("fix", f.check().fix());
        }

        ObjectNode bg = root.putObject("breakGlass");
        strings(bg.putArray("ids"), a.breakGlass().ids());
        bg.put("source", key(a.breakGlass().source()));
        strings(root.putArray("assumptions"), a.assumptions());

        ObjectNode canary = root.putObject("signInPageCanary");
        canary.put("status", key(a.canary().status()));
        a.canary().url().ifPresent(u -> canary.put("url", u));
        a.canary().expected().ifPresent(u -> canary.put("expected", u));
        if (!a.canary().source().isEmpty()) canary.put("source", a.canary().source());
        canary.put("detail", a.canary().detail());
        return root;
    }

    private static ObjectNode verdict(Verdict v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("outcome", key(v.outcome()));
        ArrayNode deciding = o.putArray("deciding");
        for (Verdict.PolicyReason r : v.deciding()) deciding.addObject().put("policy", r.policy()).put("reason", r.reason());
        strings(o.putArray("applied"), v.applied());
        ArrayNode ro = o.putArray("reportOnlyWouldStop");
        for (Verdict.PolicyReason r : v.reportOnlyWouldStop()) ro.addObject().put("policy", r.policy()).put("reason", r.reason());
        return o;
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
