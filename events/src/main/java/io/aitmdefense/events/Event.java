package io.aitmdefense.events;

import java.time.Instant;

/**
 * One normalised log row. Every reader produces these and nothing else; every detection consumes
 * them and never sees a log format. Strings are never null (absent = ""), lists never null.
 */
public sealed interface Event permits SignIn, DirectoryAudit, RiskDetection, OfficeActivity, SecurityAlert {

    /** When the activity happened (not when it was logged or exported). */
    Instant time();

    /** The user the activity is attributed to: lower-cased UPN, else object id, else "". Detections key on it. */
    String user();

    /** Entra tenant id when the log names it, else "". */
    String tenantId();

    /** Where the row came from, for evidence. */
    Source source();

    default EventKind kind() {
        return EventKind.of(this);
    }
}
