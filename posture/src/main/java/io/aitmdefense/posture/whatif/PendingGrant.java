package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.GrantOperator;

import java.util.List;

/** A policy whose grant is not yet met: satisfy all ({@code AND}) or one ({@code OR}) of {@code options}. */
public record PendingGrant(String policyId, String policyName, GrantOperator operator, List<Requirement> options) {

    public PendingGrant {
        options = List.copyOf(options);
    }
}
