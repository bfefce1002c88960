package io.aitmdefense.respond.run;

import io.aitmdefense.respond.evidence.EvidenceBundle;
import io.aitmdefense.respond.plan.Plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run of a plan: each step's result in plan order, who ran it and how it was approved, and the evidence bundle. */
public record RunReport(Plan plan, String actor, Approval approval, Instant started, Instant finished,
                        List<StepResult> results, Optional<EvidenceBundle> bundle) {

    public RunReport {
        results = List.copyOf(results);
    }

    public boolean failed() {
        return results.stream().anyMatch(r -> r.outcome() == Outcome.FAILED);
    }

    public long count(Outcome o) {
        return results.stream().filter(r -> r.outcome() == o).count();
    }
}
