package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.assess.Control;
import io.aitmdefense.posture.assess.KillChainStep;

/** A kill-chain × control cell of the posture matrix that a target policy, once enforced, must turn to "enforced". */
public record PromisedCell(KillChainStep step, Control control) {
    @Override
    public String toString() {
        return step.label() + " × " + control.label();
    }
}
