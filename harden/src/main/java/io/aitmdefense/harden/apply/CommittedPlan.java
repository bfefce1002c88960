package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.harden.emit.ApplyStep;
import io.aitmdefense.harden.plan.HardenPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan folder as committed: plan.json's steps with the Graph bodies read from their numbered files (an edited file
 * is what gets applied — the folder, reviewed, is the source of truth) and the policies it creates or changes.
 */
public record CommittedPlan(Path dir, String pilotGroup, List<ApplyStep> steps, List<Policy> policies) {

    public CommittedPlan {
        steps = List.copyOf(steps);
        policies = List.copyOf(policies);
    }

    /** One policy of the plan: what to call it, what the plan does to it, and the step that does it. */
    public record Policy(String target, String displayName, String decision, Optional<String> existingId,
                         boolean microsoftManaged, String state) {
    }

    public static CommittedPlan read(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve("plan.json");
        if (!Files.exists(file)) throw new IllegalArgumentException(dir + ": no plan.json (run 'aitm harden plan --out " + dir + "')");
        JsonNode plan = json.readTree(file.toFile());
        if (!plan.path("schema").asText().equals(HardenPlan.SCHEMA)) {
            throw new IllegalArgumentException(file + ": not a harden plan (schema " + HardenPlan.SCHEMA + ")");
        }
        List<ApplyStep> steps = new ArrayList<>();
        for (JsonNode s : plan.path("steps")) {
            Path body = dir.resolve(s.path("file").asText());
            if (!Files.exists(body)) throw new IllegalArgumentException(file + ": step " + s.path("order").asInt() + ": " + body + " is missing");
            JsonNode parsed;
            try {
                parsed = json.readTree(body.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(body + ": not valid JSON: " + e.getMessage());
            }
            steps.add(new ApplyStep(s.path("order").asInt(), body.getFileName().toString(), s.path("method").asText(),
                    s.path("apiVersion").asText(), s.path("path").asText(), s.path("what").asText(),
                    Optional.ofNullable(s.path("requires").textValue()), s.path("deferred").asBoolean(), parsed));
        }
        List<Policy> policies = new ArrayList<>();
        for (JsonNode p : plan.path("policies")) {
            policies.add(new Policy(p.path("target").asText(), p.path("displayName").asText(), p.path("decision").asText(),
                    Optional.ofNullable(p.path("existingId").textValue()), p.path("microsoftManaged").asBoolean(),
                    p.path("state").asText()));
        }
        return new CommittedPlan(dir, plan.path("pilotGroup").asText(), steps, policies);
    }

    /** The committed body of a policy the plan creates, from its step. */
    public Optional<JsonNode> createdBody(String displayName) {
        return steps.stream().filter(s -> s.method().equals("POST") && s.body().path("displayName").asText().equals(displayName))
                .map(ApplyStep::body).findFirst();
    }
}
