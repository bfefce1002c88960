package io.aitmdefense.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Filters for listing incidents; empty means "any". Newest update first, at most {@code limit}. */
public record IncidentQuery(Optional<String> tenant, Set<String> severities, Set<String> statuses,
                            Optional<String> user, Optional<Instant> updatedSince, int limit) {
    public static IncidentQuery all() {
        return new IncidentQuery(Optional.empty(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), 1000);
    }

    public IncidentQuery tenant(String t) {
        return new IncidentQuery(Optional.of(t), severities, statuses, user, updatedSince, limit);
    }

    public IncidentQuery severities(Set<String> s) {
        return new IncidentQuery(tenant, Set.copyOf(s), statuses, user, updatedSince, limit);
    }

    public IncidentQuery statuses(Set<String> s) {
        return new IncidentQuery(tenant, severities, Set.copyOf(s), user, updatedSince, limit);
    }

    public IncidentQuery user(String u) {
        return new IncidentQuery(tenant, severities, statuses, Optional.of(u), updatedSince, limit);
    }

    public IncidentQuery updatedSince(Instant t) {
        return new IncidentQuery(tenant, severities, statuses, user, Optional.of(t), limit);
    }
}
