package io.aitmdefense.posture.assess;

import java.util.Set;

/**
 * Where a sign-in comes from, reduced to what Conditional Access compares: the named locations it falls in and whether
 * it counts as trusted ({@code AllTrusted}).
 */
public record Network(String label, Set<String> namedLocationIds, boolean trusted) {
    public Network {
        namedLocationIds = Set.copyOf(namedLocationIds);
    }

    public boolean in(String namedLocationId) {
        return namedLocationIds.stream().anyMatch(id -> id.equalsIgnoreCase(namedLocationId));
    }
}
