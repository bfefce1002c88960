package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;

/** Who holds the session being evaluated, and so which grant and session requirements they can meet. */
public enum Holder {
    /**
     * A replayed cookie or refresh token: it carries the MFA claim of the phished sign-in (push, OTP, SMS — methods a
     * proxy can relay), comes from an unregistered device, and cannot perform a fresh sign-in.
     */
    ATTACKER_REPLAY,
    /** A phished password alone, e.g. over legacy authentication: no MFA claim, no device. */
    PASSWORD_ONLY,
    /** The real user on a managed, compliant device with Windows Hello for Business. */
    LEGITIMATE;

    public boolean meets(BuiltInControl control) {
        return switch (control) {
            case MFA -> this != PASSWORD_ONLY;
            // The attacker captured the password and holds an MFA claim, so a self-service change goes through.
            case PASSWORD_CHANGE, RISK_REMEDIATION -> this != PASSWORD_ONLY;
            case COMPLIANT_DEVICE, DOMAIN_JOINED_DEVICE, APPROVED_APPLICATION, COMPLIANT_APPLICATION -> this == LEGITIMATE;
            case BLOCK, UNKNOWN_FUTURE_VALUE -> false;
        };
    }

    /**
     * A strength is met by the replayed session when one of its combinations uses a method that is not phishing
     * resistant (the proxy relayed it). A strength we could not resolve is assumed met: never claim protection we
     * cannot show.
     */
    public boolean meets(AuthenticationStrength strength) {
        return switch (this) {
            case LEGITIMATE -> true;
            case PASSWORD_ONLY -> false;
            case ATTACKER_REPLAY -> strength.unresolved() || strength.allowedCombinations().stream()
                    .anyMatch(c -> !AuthenticationStrength.PHISHING_RESISTANT_METHODS.containsAll(c.methods()));
        };
    }

    /** Terms of use and custom controls (third-party MFA, relayable) are clicked or relayed through. */
    public boolean meetsTermsOrCustom() {
        return this != PASSWORD_ONLY;
    }

    public boolean canSignInAgain() {
        return this == LEGITIMATE;
    }

    public boolean hasBoundToken() {
        return this == LEGITIMATE;
    }
}
