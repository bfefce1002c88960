package io.aitmdefense.posture.model;

import java.util.List;

/** Network locations: named-location ids or {@code All}, {@code AllTrusted}. Empty include = not configured. */
public record LocationCondition(List<String> includeLocations, List<String> excludeLocations) {

    public static final LocationCondition NONE = new LocationCondition(List.of(), List.of());

    public LocationCondition {
        includeLocations = List.copyOf(includeLocations);
        excludeLocations = List.copyOf(excludeLocations);
    }

    public boolean configured() {
        return !includeLocations.isEmpty();
    }
}
