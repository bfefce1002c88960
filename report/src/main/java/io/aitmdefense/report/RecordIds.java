package io.aitmdefense.report;

import io.aitmdefense.model.RecordIdKind;

import java.util.Locale;

/** What a record id is and where a responder searches for it, as the outputs name it. */
public final class RecordIds {
    private RecordIds() {
    }

    /** {@code SIGN_IN_REQUEST_ID} → {@code sign-in-request-id}: the JSON name. */
    static String key(RecordIdKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static RecordIdKind parse(String key) {
        return RecordIdKind.valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** For people: which id it is and where to search it. */
    public static String label(RecordIdKind kind) {
        return switch (kind) {
            case SIGN_IN_REQUEST_ID -> "sign-in request id: search the Entra sign-in logs (Request ID) or SigninLogs | where Id == …";
            case AUDIT_ID -> "audit id: search the Entra audit logs or AuditLogs | where Id == …";
            case UNIFIED_AUDIT_ID -> "unified audit log Id: search Purview audit or OfficeActivity | where OfficeId == …";
            case RISK_DETECTION_ID -> "risk detection id: Identity Protection risk detections or AADUserRiskEvents | where Id == …";
            case SECURITY_ALERT_ID -> "security alert id: Defender or SecurityAlert | where SystemAlertId == …";
            case CANARY_HIT_ID -> "canary hit: GET /api/v1/canary of aitm serve lists it";
            case NONE -> "no record id: the file and line identify it";
        };
    }
}
