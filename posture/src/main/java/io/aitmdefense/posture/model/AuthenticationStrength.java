package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Set;

/**
 * {@code authenticationStrengthPolicy}. A grant may carry only the id; {@link #allowedCombinations} is then empty
 * until resolved against {@link ConditionalAccessSnapshot#authenticationStrength(String)}.
 */
public record AuthenticationStrength(
        String id,
        String displayName,
        StrengthPolicyType policyType,
        List<AuthenticationCombination> allowedCombinations) {

    public static final String MFA_ID = "00000000-0000-0000-0000-000000000002";
    public static final String PASSWORDLESS_ID = "00000000-0000-0000-0000-000000000003";
    public static final String PHISHING_RESISTANT_ID = "00000000-0000-0000-0000-000000000004";

    /** Methods that cannot be relayed by a reverse proxy: origin-bound or device-bound keys. */
    public static final Set<AuthenticationMethodMode> PHISHING_RESISTANT_METHODS = Set.of(
            AuthenticationMethodMode.WINDOWS_HELLO_FOR_BUSINESS, AuthenticationMethodMode.FIDO2,
            AuthenticationMethodMode.X509_CERTIFICATE_MULTI_FACTOR);

    public AuthenticationStrength {
        allowedCombinations = List.copyOf(allowedCombinations);
    }

    /** A reference by id whose combinations are not known yet. */
    public static AuthenticationStrength reference(String id) {
        return new AuthenticationStrength(id, "", StrengthPolicyType.CUSTOM, List.of());
    }

    /** True when the grant carried only the id (combinations to be resolved). */
    public boolean unresolved() {
        return allowedCombinations.isEmpty();
    }

    /**
     * Judged by combinations, never by display name: non-empty and every combination uses only phishing-resistant
     * methods (the rule ScubaGear uses; it also holds for custom strengths).
     */
    public boolean phishingResistant() {
        return !allowedCombinations.isEmpty() && allowedCombinations.stream()
                .allMatch(c -> PHISHING_RESISTANT_METHODS.containsAll(c.methods()));
    }

    public boolean satisfiedBy(Set<AuthenticationMethodMode> performed) {
        return allowedCombinations.stream().anyMatch(c -> c.satisfiedBy(performed));
    }
}
