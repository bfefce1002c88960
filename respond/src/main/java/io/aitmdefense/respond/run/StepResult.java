package io.aitmdefense.respond.run;

import io.aitmdefense.respond.plan.Step;

import java.time.Instant;
import java.util.List;

/**
 * What happened to one step.
 *
 * @param before the target's state as read ("" when not read)
 * @param change what the write changes (the dry-run diff), "" when nothing would
 * @param auditHashes the hashes of this step's audit lines, for the remediation report
 */
public record StepResult(Step step, Outcome outcome, Instant time, String before, String change, String message,
                         List<String> auditHashes) {

    public StepResult {
        auditHashes = List.copyOf(auditHashes);
    }
}
