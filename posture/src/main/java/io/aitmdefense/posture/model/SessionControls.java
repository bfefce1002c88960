package io.aitmdefense.posture.model;

import java.util.Optional;

/**
 * {@code conditionalAccessSessionControls}, enabled controls only: a control whose {@code isEnabled} is false or
 * null is absent here. {@code tokenProtection} is {@code secureSignInSession}.
 */
public record SessionControls(
        Optional<SignInFrequency> signInFrequency,
        Optional<PersistentBrowserMode> persistentBrowser,
        Optional<String> cloudAppSecurity,
        boolean applicationEnforcedRestrictions,
        Optional<ContinuousAccessEvaluationMode> continuousAccessEvaluation,
        boolean tokenProtection,
        boolean disableResilienceDefaults) {

    public static final SessionControls NONE = new SessionControls(Optional.empty(), Optional.empty(), Optional.empty(),
            false, Optional.empty(), false, false);

    public boolean empty() {
        return equals(NONE);
    }
}
