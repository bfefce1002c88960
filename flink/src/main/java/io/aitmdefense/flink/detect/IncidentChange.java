package io.aitmdefense.flink.detect;

import java.time.Instant;
import java.util.List;

/**
 * One incident update as it leaves the job: the columns the store and consumers key and filter on, what changed
 * ({@code CREATED}, {@code ALERT_ADDED}, …) and the incident's published JSON ({@code body}, as {@code aitm serve} stores
 * it), so a sink needs neither the tracker nor the report module's types.
 */
public record IncidentChange(String id, String tenant, String userKey, String user, String severity,
                             Instant start, Instant end, List<String> changes, String body) {
    public IncidentChange {
        changes = List.copyOf(changes);
    }
}
