package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.ConditionalAccessSnapshot;

/**
 * Local What If: which policies apply to a sign-in, why, and the combined outcome (block wins, every applicable
 * grant must hold, report-only evaluated but never enforced). Works offline and for hypothetical policies.
 */
public final class CaEvaluator {

    private final ConditionalAccessSnapshot snapshot;

    public CaEvaluator(ConditionalAccessSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public Evaluation evaluate(SignInScenario scenario) {
        throw new UnsupportedOperationException("in progress");
    }
}
