package io.aitmdefense.simulate.truth;

/**
 * One attacker record as readers will map it: the table ({@code SIGN_INS}, {@code NON_INTERACTIVE_SIGN_INS},
 * {@code DIRECTORY_AUDITS}, {@code RISK_DETECTIONS}, {@code OFFICE_ACTIVITY}), the event id (sign-in/audit/risk
 * {@code id}, UAL {@code Id}), correlation id, unique token id and Entra session id ("" where the record has none), the
 * source IP the record carries ("" for records logged without one, such as Device Registration Service audits) and
 * the activity time (ISO-8601 UTC).
 */
public record EventRef(String table, String id, String correlationId, String uniqueTokenId, String sessionId, String ip,
                       String time) {
}
