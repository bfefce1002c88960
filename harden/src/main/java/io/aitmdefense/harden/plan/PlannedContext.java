package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.AuthenticationContext;

/**
 * An authentication context class reference the set needs, and whether the tenant has it: missing (create),
 * present but not offered to apps (make it available), or ready.
 */
public record PlannedContext(AuthenticationContext context, Decision decision) {
}
