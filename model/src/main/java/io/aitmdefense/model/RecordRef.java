package io.aitmdefense.model;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SecurityAlert;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;

import java.util.Objects;

/**
 * Where a record is (file, 1-based line, 0-based index of the record inside that line — a single-line Event Hubs
 * envelope holds many) and the record's own id a responder can search in Entra or Sentinel.
 * <p>
 * A value with the accessors of a record. Not a record because of how the id is held: detections keep a reference
 * for every record they may cite, hundreds of thousands in a large run, and most ids are lower-case GUIDs (sign-in
 * request ids, unified audit ids), which are held as two longs and spelled out only when asked for — 56 bytes a
 * reference instead of 120 with the id's own string.
 */
public final class RecordRef {
    private final String file;
    private final long line;
    private final int index;
    private final RecordIdKind idKind;
    /** The id when it is not a lower-case GUID; null when it is one, held in {@link #idHigh} and {@link #idLow}. */
    private final String otherId;
    private final long idHigh, idLow;

    public RecordRef(String file, long line, int index, String recordId, RecordIdKind idKind) {
        this(file, line, index, LogId.of(Objects.requireNonNull(recordId, "recordId")), idKind);
    }

    /** The event's id as the codec decoded it: a GUID's two longs are taken as they are, never spelled out. */
    public RecordRef(String file, long line, int index, LogId recordId, RecordIdKind idKind) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.index = index;
        this.idKind = Objects.requireNonNull(idKind, "idKind");
        if (recordId.isGuid()) {
            otherId = null;
            idHigh = recordId.high();
            idLow = recordId.low();
        } else {
            otherId = recordId.toString();
            idHigh = 0;
            idLow = 0;
        }
    }

    public static RecordRef of(Event e) {
        LogId id;
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
            id = LogId.of(r.id());
            kind = RecordIdKind.RISK_DETECTION_ID;
        } else {
            id = LogId.of(((SecurityAlert) e).id());
            kind = RecordIdKind.SECURITY_ALERT_ID;
        }
        Source src = e.source();
        return new RecordRef(src.file(), src.line(), src.index(), id, id.isEmpty() ? RecordIdKind.NONE : kind);
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public int index() {
        return index;
    }

    /** The record's own id as logged, or "" when it has none. */
    public String recordId() {
        return otherId != null ? otherId : LogId.guid(idHigh, idLow).toString();
    }

    public RecordIdKind idKind() {
        return idKind;
    }

    /** The place in the file alone: {@code file:line}, or {@code file:line#index} for a later record of a line. */
    public String location() {
        return new Source(file, line, index).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordRef r && r.line == line && r.index == index && r.idHigh == idHigh && r.idLow == idLow
                && r.file.equals(file) && Objects.equals(r.otherId, otherId) && r.idKind == idKind;
    }

    @Override
    public int hashCode() {
        int h = file.hashCode();
        h = 31 * h + Long.hashCode(line);
        h = 31 * h + index;
        h = 31 * h + (otherId != null ? otherId.hashCode() : Long.hashCode(idHigh * 31 + idLow));
        return 31 * h + idKind.ordinal();
    }

    /** {@code file:line[#index]} followed by the record id when there is one. */
    @Override
    public String toString() {
        String id = recordId();
        return id.isEmpty() ? location() : location() + " " + id;
    }
}
