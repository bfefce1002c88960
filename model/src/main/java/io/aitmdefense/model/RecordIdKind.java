package io.aitmdefense.model;

/** Which identifier a {@link RecordRef} carries, so a responder knows where to search for it. */
public enum RecordIdKind {
    /** Entra sign-in request id ({@code id} / {@code OriginalRequestId}): search it in the Entra sign-in logs. */
    SIGN_IN_REQUEST_ID,
    /** Entra directory audit {@code id}: search it in the audit logs. */
    AUDIT_ID,
    /** Unified audit log {@code Id}: search it in Purview audit or OfficeActivity (OfficeId). */
    UNIFIED_AUDIT_ID,
    /** Identity Protection risk detection {@code id}. */
    RISK_DETECTION_ID,
    /** Defender / Sentinel security alert id. */
    SECURITY_ALERT_ID,
    /** A hit on {@code aitm serve}'s sign-in page canary: {@code canary-hit-<n>} in its canary log. */
    CANARY_HIT_ID,
    /** The record has no id of its own; only its place in the file identifies it. */
    NONE
}
