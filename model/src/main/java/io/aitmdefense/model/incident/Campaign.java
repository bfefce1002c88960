package io.aitmdefense.model.incident;

import io.aitmdefense.model.Severity;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Incidents of several users linked by shared attacker infrastructure: one campaign hits many users.
 * {@code users} are the users with incidents; {@code alsoSeen} are sightings of other users from the campaign's IPs.
 */
public record Campaign(String id, Severity severity, Instant firstSeen, Instant lastSeen, List<String> users,
                       List<String> incidentIds, List<SharedIndicator> indicators, List<Sighting> alsoSeen) {

    /** Users with incidents and users only sighted, without repeats. */
    public List<String> allUsers() {
        LinkedHashSet<String> all = new LinkedHashSet<>(users);
        alsoSeen.forEach(s -> all.add(s.user()));
        return List.copyOf(all);
    }
}
