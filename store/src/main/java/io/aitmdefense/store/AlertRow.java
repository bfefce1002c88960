package io.aitmdefense.store;

import java.time.Instant;

/** An alert as stored: its stable id, the columns queries filter on, and its published JSON. */
public record AlertRow(String id, String tenant, String userKey, String detection, String severity,
                       Instant start, Instant end, Instant storedAt, String body) {
}
