package io.aitmdefense.posture.assess;

import java.util.EnumSet;
import java.util.Set;

import static io.aitmdefense.posture.assess.Control.*;

/** The steps of an AiTM intrusion that Conditional Access can break, and which controls can break each. */
public enum KillChainStep {
    CREDENTIAL_CAPTURE("credential capture", "the proxy relays password and MFA", EnumSet.of(PHISHING_RESISTANT_MFA, RISK_STEP_UP)),
    COOKIE_CAPTURE("cookie capture", "the session cookie is issued to the proxy",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP)),
    COOKIE_REPLAY("cookie replay", "the cookie or refresh token is replayed from attacker infrastructure",
            EnumSet.of(PHISHING_RESISTANT_MFA, TOKEN_PROTECTION, COMPLIANT_DEVICE, CAE, RISK_STEP_UP, AUTH_CONTEXT_EVERY_TIME)),
    MFA_REGISTRATION("persistence: MFA registration", "the attacker registers their own MFA method",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP)),
    OAUTH_CONSENT("persistence: OAuth consent", "the attacker consents an app with the victim's session",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP)),
    CA_TAMPERING("persistence: CA tampering", "the attacker changes Conditional Access or named locations",
            EnumSet.of(PHISHING_RESISTANT_MFA, COMPLIANT_DEVICE, RISK_STEP_UP, AUTH_CONTEXT_EVERY_TIME, PROTECTED_ACTIONS));

    private final String label;
    private final String description;
    private final Set<Control> breakers;

    KillChainStep(String label, String description, Set<Control> breakers) {
        this.label = label;
        this.description = description;
        this.breakers = breakers;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Controls that can break this step; the other cells of the matrix are not applicable. */
    public boolean brokenBy(Control control) {
        return breakers.contains(control);
    }
}
