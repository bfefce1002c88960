package io.aitmdefense.respond.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ordered containment plan for one incident (schema {@code aitm.plan/1}): preflight answers, then the steps in
 * the playbook's order, the script for what this tool cannot run, and the other users of the campaign to review.
 */
public record Plan(Findings findings, Instant created, List<Check> preflight, List<Step> steps, String script,
                   List<String> warnings) {
    public static final String SCHEMA = "aitm.plan/1";

    public Plan {
        preflight = List.copyOf(preflight);
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    public boolean refused() {
        return preflight.stream().anyMatch(c -> c.status() == Check.Status.REFUSE);
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
