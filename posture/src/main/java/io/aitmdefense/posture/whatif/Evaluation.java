package io.aitmdefense.posture.whatif;

import java.util.List;

/**
 * The evaluator's answer: every policy's decision (input order), the enforced outcome, and the outcome had the
 * report-only policies been enforced too ({@code withReportOnly}), which never affects {@code enforced}.
 */
public record Evaluation(
        SignInScenario scenario,
        List<PolicyDecision> decisions,
        CombinedOutcome enforced,
        CombinedOutcome withReportOnly) {

    public Evaluation {
        decisions = List.copyOf(decisions);
    }

    public List<PolicyDecision> applicable() {
        return decisions.stream().filter(PolicyDecision::applies).toList();
    }
}
