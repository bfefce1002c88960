package io.aitmdefense.harden.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.harden.plan.Decision;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which policies the gate measures. From a plan folder: every policy the plan creates or changes (a kept one is
 * already enforced). Without one: every policy of the export whose display name starts with the prefix. Ids come from
 * the export when the policy is in it, so a renamed policy is still found in the logs.
 */
public final class GatedPolicies {

    private GatedPolicies() {
    }

    public static List<GatedPolicy> fromPlan(Path planDir, ConditionalAccessSnapshot export) throws IOException {
        Path file = Files.isDirectory(planDir) ? planDir.resolve("plan.json") : planDir;
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        String schema = root.path("schema").asText();
        if (!schema.equals(HardenPlan.SCHEMA)) {
            throw new IllegalArgumentException(file + ": not a harden plan (schema '" + schema + "', expected "
                    + HardenPlan.SCHEMA + ")");
        }
        List<GatedPolicy> out = new ArrayList<>();
        for (JsonNode p : root.path("policies")) {
            if (p.path("decision").asText().equals("keep")) continue;
            String name = p.path("displayName").asText();
            Optional<String> id = Optional.ofNullable(p.path("existingId").textValue()).filter(s -> !s.isBlank())
                    .or(() -> export.policy(name).map(ConditionalAccessPolicy::id).filter(s -> !s.isBlank()));
            out.add(new GatedPolicy(name, id, p.path("target").asText(), p.path("userAction").asBoolean()));
        }
        return out;
    }

    /** As {@link #fromPlan(Path, ConditionalAccessSnapshot)}, from a plan made in this process (the service's). */
    public static List<GatedPolicy> fromPlan(HardenPlan plan, ConditionalAccessSnapshot export) {
        List<GatedPolicy> out = new ArrayList<>();
        for (PlannedPolicy p : plan.policies()) {
            if (p.decision() == Decision.KEEP) continue;
            Optional<String> id = p.existingId().filter(s -> !s.isBlank())
                    .or(() -> export.policy(p.displayName()).map(ConditionalAccessPolicy::id).filter(s -> !s.isBlank()));
            out.add(new GatedPolicy(p.displayName(), id, p.target().key(),
                    !p.policy().conditions().applications().includeUserActions().isEmpty()));
        }
        return out;
    }

    public static List<GatedPolicy> fromExport(ConditionalAccessSnapshot export, String prefix) {
        String want = prefix.toLowerCase(Locale.ROOT);
        return export.policies().stream()
                .filter(p -> p.displayName().toLowerCase(Locale.ROOT).startsWith(want))
                .map(p -> new GatedPolicy(p.displayName(), Optional.of(p.id()).filter(s -> !s.isBlank()), "",
                        !p.conditions().applications().includeUserActions().isEmpty()))
                .toList();
    }
}
