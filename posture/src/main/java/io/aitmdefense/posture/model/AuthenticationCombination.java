package io.aitmdefense.posture.model;

import java.util.Set;
import java.util.stream.Collectors;

/** One allowed combination of an authentication strength, e.g. {@code password,microsoftAuthenticatorPush}. */
public record AuthenticationCombination(Set<AuthenticationMethodMode> methods) {

    public AuthenticationCombination {
        methods = Set.copyOf(methods);
    }

    public static AuthenticationCombination of(AuthenticationMethodMode... methods) {
        return new AuthenticationCombination(Set.of(methods));
    }

    /** True when a sign-in that performed {@code performed} meets this combination. */
    public boolean satisfiedBy(Set<AuthenticationMethodMode> performed) {
        return performed.containsAll(methods);
    }

    /** The Graph spelling, methods in declaration order joined by commas. */
    public String graphName() {
        return methods.stream().sorted().map(AuthenticationMethodMode::graphName).collect(Collectors.joining(","));
    }
}
