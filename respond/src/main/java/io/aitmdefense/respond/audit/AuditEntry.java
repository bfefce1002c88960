package io.aitmdefense.respond.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;

/**
 * One line of the audit trail: a request sent to the tenant, or a decision (approved, skipped, refused, verified).
 *
 * @param actor who or what acted: {@code analyst:alice}, {@code policy:auto}
 * @param approval how the step was allowed: {@code --approve}, {@code --approve=disable,revoke}, {@code auto:…}, {@code dry-run}
 * @param event {@code run}, {@code read}, {@code write}, {@code verify}, {@code decision}, {@code evidence}
 * @param request {@code PATCH /v1.0/users/…}, "" for a decision
 * @param requestBody the body sent, with every secret replaced (see {@link Redaction}); missing when none
 * @param status the HTTP status, 0 for a decision or when no answer came
 * @param outcome {@code verified}, {@code already-done}, {@code failed}, {@code pending-approval}, …
 */
public record AuditEntry(Instant time, String actor, String approval, String incident, String step, String event,
                         String request, JsonNode requestBody, int status, String requestId, String clientRequestId,
                         String outcome, String message, JsonNode before, JsonNode after) {

    public static AuditEntry decision(Instant time, String actor, String approval, String incident, String step,
                                      String outcome, String message) {
        return new AuditEntry(time, actor, approval, incident, step, "decision", "", MissingNode.getInstance(), 0, "",
                "", outcome, message, MissingNode.getInstance(), MissingNode.getInstance());
    }
}
