package io.aitmdefense.posture.model;

import java.util.Set;

/** Device platforms; an empty include list means the condition is not configured. */
public record PlatformCondition(Set<Platform> includePlatforms, Set<Platform> excludePlatforms) {

    public static final PlatformCondition NONE = new PlatformCondition(Set.of(), Set.of());

    public PlatformCondition {
        includePlatforms = Set.copyOf(includePlatforms);
        excludePlatforms = Set.copyOf(excludePlatforms);
    }

    public boolean configured() {
        return !includePlatforms.isEmpty();
    }
}
