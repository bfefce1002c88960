package io.aitmdefense.posture.assess;

import io.aitmdefense.model.KillChainStage;

import java.util.EnumSet;
import java.util.Set;

import static io.aitmdefense.posture.assess.Control.*;

/**
 * The steps of an AiTM intrusion that Conditional Access can break, and which controls can break each. They are the
 * project's kill chain ({@link KillChainStage}) where Conditional Access acts, with persistence split three ways since
 * different controls break each; {@link #stage()} names the stage a detection of the same step carries.
 */
public enum KillChainStep {
    CREDENTIAL_CAPTURE(KillChainStage.CREDENTIAL_CAPTURE, "", "the proxy relays password and MFA",
            EnumSet.of(PHISHING_RESISTANT_MFA, RISK_STEP_UP)),
    COOKIE_THEFT(KillChainStage.COOKIE_THEFT, "", "the session cookie is issued to the proxy",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP)),
    REPLAY(KillChainStage.REPLAY, "", "the cookie or refresh token is replayed from attacker infrastructure",
            EnumSet.of(PHISHING_RESISTANT_MFA, TOKEN_PROTECTION, COMPLIANT_DEVICE, CAE, RISK_STEP_UP, AUTH_CONTEXT_EVERY_TIME)),
    MFA_REGISTRATION(KillChainStage.PERSISTENCE, "MFA registration", "the attacker registers their own MFA method",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP)),
    OAUTH_CONSENT(KillChainStage.PERSISTENCE, "OAuth consent", "the attacker consents an app with the victim's session",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP)),
    CA_TAMPERING(KillChainStage.PERSISTENCE, "CA tampering", "the attacker changes Conditional Access or named locations",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP, AUTH_CONTEXT_EVERY_TIME, PROTECTED_ACTIONS));

    private final KillChainStage stage;
    private final String detail;
    private final String description;
    private final Set<Control> breakers;

    KillChainStep(KillChainStage stage, String detail, String description, Set<Control> breakers) {
        this.stage = stage;
        this.detail = detail;
        this.description = description;
        this.breakers = breakers;
    }

    /** The kill-chain stage this step belongs to. */
    public KillChainStage stage() {
        return stage;
    }

    /** The stage's label, and for a split stage which part: "replay", "persistence: OAuth consent". */
    public String label() {
        return detail.isEmpty() ? stage.label() : stage.label() + ": " + detail;
    }

    public String description() {
        return description;
    }

    /** Controls that can break this step; the other cells of the matrix are not applicable. */
    public boolean brokenBy(Control control) {
        return breakers.contains(control);
    }
}
