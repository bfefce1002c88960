package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.AuthenticationStrength;

import java.util.Optional;

/**
 * A grant term. {@code reference} names the strength, terms-of-use or custom-control id when there is one;
 * {@code strength} is the resolved authentication strength for {@link RequirementKind#AUTHENTICATION_STRENGTH}.
 */
public record Requirement(RequirementKind kind, String reference, Optional<AuthenticationStrength> strength) {

    public static Requirement of(RequirementKind kind) {
        return new Requirement(kind, "", Optional.empty());
    }

    /** Short human text, e.g. {@code authentication strength "Phishing-resistant MFA"}. */
    public String describe() {
        return switch (kind) {
            case MFA -> "multifactor authentication";
            case AUTHENTICATION_STRENGTH -> "authentication strength \"" + strength.map(AuthenticationStrength::displayName)
                    .filter(n -> !n.isBlank()).orElse(reference) + "\"";
            case COMPLIANT_DEVICE -> "compliant device";
            case HYBRID_JOINED_DEVICE -> "hybrid-joined device";
            case APPROVED_CLIENT_APP -> "approved client app";
            case APP_PROTECTION_POLICY -> "app protection policy";
            case PASSWORD_CHANGE -> "password change";
            case RISK_REMEDIATION -> "risk remediation";
            case TERMS_OF_USE -> "terms of use " + reference;
            case CUSTOM_CONTROL -> "custom control " + reference;
        };
    }
}
