package io.aitmdefense.store;

import java.time.Instant;

/**
 * An incident as stored: the columns queries filter on, and {@code body}, the incident in the report module's
 * published JSON. {@code version} counts the saves (0 before the first).
 */
public record IncidentRow(String id, String tenant, String userKey, String user, String severity, String status,
                          Instant firstSeen, Instant lastSeen, Instant updatedAt, long version, String body) {
}
