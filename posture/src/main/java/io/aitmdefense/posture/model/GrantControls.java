package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code conditionalAccessGrantControls}: built-in controls, strength, terms of use and custom factors, one operator. */
public record GrantControls(
        GrantOperator operator,
        Set<BuiltInControl> builtInControls,
        Optional<AuthenticationStrength> authenticationStrength,
        List<String> termsOfUse,
        List<String> customAuthenticationFactors) {

    public GrantControls {
        builtInControls = Set.copyOf(builtInControls);
        termsOfUse = List.copyOf(termsOfUse);
        customAuthenticationFactors = List.copyOf(customAuthenticationFactors);
    }

    public boolean blocks() {
        return builtInControls.contains(BuiltInControl.BLOCK);
    }

    /** True when nothing is required (a pure session policy). */
    public boolean empty() {
        return builtInControls.isEmpty() && authenticationStrength.isEmpty() && termsOfUse.isEmpty()
                && customAuthenticationFactors.isEmpty();
    }
}
