package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything read from a tenant export: policies, named locations, authentication strengths, authentication
 * contexts and the optional directory. Built-in strengths are always resolvable even when no strengths file was read.
 */
public record ConditionalAccessSnapshot(
        List<ConditionalAccessPolicy> policies,
        List<NamedLocation> namedLocations,
        List<AuthenticationStrength> authenticationStrengths,
        List<AuthenticationContext> authenticationContexts,
        DirectorySnapshot directory) {

    public ConditionalAccessSnapshot {
        policies = List.copyOf(policies);
        namedLocations = List.copyOf(namedLocations);
        authenticationStrengths = List.copyOf(authenticationStrengths);
        authenticationContexts = List.copyOf(authenticationContexts);
    }

    public static ConditionalAccessSnapshot of(List<ConditionalAccessPolicy> policies) {
        return new ConditionalAccessSnapshot(policies, List.of(), List.of(), List.of(), DirectorySnapshot.EMPTY);
    }

    public Optional<NamedLocation> namedLocation(String id) {
        return namedLocations.stream().filter(l -> l.id().equalsIgnoreCase(id)).findFirst();
    }

    /** Strength by id: an exported strengths file wins, then the built-ins. */
    public Optional<AuthenticationStrength> authenticationStrength(String id) {
        return authenticationStrengths.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst()
                .or(() -> BuiltInStrengths.ALL.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst());
    }

    /** The grant's strength with its combinations filled in when the export carried only the id. */
    public Optional<AuthenticationStrength> resolve(AuthenticationStrength strength) {
        if (!strength.unresolved()) return Optional.of(strength);
        return authenticationStrength(strength.id());
    }

    public Optional<AuthenticationContext> authenticationContext(String id) {
        return authenticationContexts.stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst();
    }

    public Optional<ConditionalAccessPolicy> policy(String idOrName) {
        return policies.stream()
                .filter(p -> p.id().equalsIgnoreCase(idOrName) || p.displayName().equalsIgnoreCase(idOrName))
                .findFirst();
    }
}
