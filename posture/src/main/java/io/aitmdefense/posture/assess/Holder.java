package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.whatif.SatisfiedControl;

import java.util.Set;

import static io.aitmdefense.posture.model.AuthenticationMethodMode.*;

/** Who holds the session being evaluated, and so which grant and session requirements they can meet. */
public enum Holder {
    /**
     * A replayed cookie or refresh token: it carries the MFA claim of the phished sign-in (password and push — methods
     * a proxy relays), comes from an unregistered device, and cannot perform a fresh sign-in. The attacker also holds
     * the password, so a self-service password change or risk remediation and terms of use go through.
     */
    ATTACKER_REPLAY(Set.of(PASSWORD, MICROSOFT_AUTHENTICATOR_PUSH),
            Set.of(SatisfiedControl.PASSWORD_CHANGED, SatisfiedControl.RISK_REMEDIATED, SatisfiedControl.TERMS_OF_USE_ACCEPTED)),
    /** A phished password alone, e.g. over legacy authentication: no MFA claim, no device. */
    PASSWORD_ONLY(Set.of(PASSWORD), Set.of()),
    /** The real user on a managed, compliant device with Windows Hello for Business. */
    LEGITIMATE(Set.of(PASSWORD, MICROSOFT_AUTHENTICATOR_PUSH, WINDOWS_HELLO_FOR_BUSINESS),
            Set.of(SatisfiedControl.values()));

    private final Set<AuthenticationMethodMode> methods;
    private final Set<SatisfiedControl> controls;

    Holder(Set<AuthenticationMethodMode> methods, Set<SatisfiedControl> controls) {
        this.methods = methods;
        this.controls = controls;
    }

    public Set<AuthenticationMethodMode> methods() {
        return methods;
    }

    public Set<SatisfiedControl> controls() {
        return controls;
    }

    public boolean canSignInAgain() {
        return this == LEGITIMATE;
    }

    public boolean hasBoundToken() {
        return this == LEGITIMATE;
    }
}
