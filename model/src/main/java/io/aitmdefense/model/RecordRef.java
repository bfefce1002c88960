package io.aitmdefense.model;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SecurityAlert;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;

/**
 * Where a record is (file, 1-based line, 0-based index of the record inside that line — a single-line Event Hubs
 * envelope holds many) and the record's own id a responder can search in Entra or Sentinel.
 */
public record RecordRef(String file, long line, int index, String recordId, RecordIdKind idKind) {

    public static RecordRef of(Event e) {
        String id;
        RecordIdKind kind;
        if (e instanceof SignIn s) {
            id = s.id();
            kind = RecordIdKind.SIGN_IN_REQUEST_ID;
        } else if (e instanceof DirectoryAudit a) {
            id = a.id();
            kind = RecordIdKind.AUDIT_ID;
        } else if (e instanceof OfficeActivity o) {
            id = o.id();
            kind = RecordIdKind.UNIFIED_AUDIT_ID;
        } else if (e instanceof RiskDetection r) {
            id = r.id();
            kind = RecordIdKind.RISK_DETECTION_ID;
        } else {
            id = ((SecurityAlert) e).id();
            kind = RecordIdKind.SECURITY_ALERT_ID;
        }
        Source src = e.source();
        return new RecordRef(src.file(), src.line(), src.index(), id, id.isEmpty() ? RecordIdKind.NONE : kind);
    }

    /** The place in the file alone: {@code file:line}, or {@code file:line#index} for a later record of a line. */
    public String location() {
        return new Source(file, line, index).toString();
    }

    /** {@code file:line[#index]} followed by the record id when there is one. */
    @Override
    public String toString() {
        return recordId.isEmpty() ? location() : location() + " " + recordId;
    }
}
