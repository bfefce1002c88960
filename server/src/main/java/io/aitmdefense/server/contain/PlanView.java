package io.aitmdefense.server.contain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored response plan as the API and console show it.
 *
 * @param status {@code planned}, {@code approved}, {@code running}, {@code done} or {@code failed}
 * @param plan {@code aitm.service-plan/1}: {@code plan} (the {@code aitm.plan/1} of docs/respond.md), {@code approved}
 *             (step ids), {@code approvals} (who approved what, when), and after a run {@code run} (the
 *             {@code aitm.respond-run/1}) and {@code audit} (the incident's chain: entries, intact)
 */
public record PlanView(String id, String incidentId, String status, JsonNode plan) {
}
