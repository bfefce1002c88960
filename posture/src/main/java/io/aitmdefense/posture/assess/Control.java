package io.aitmdefense.posture.assess;

/** The Conditional Access controls that break AiTM kill-chain steps: the columns of the coverage matrix. */
public enum Control {
    PHISHING_RESISTANT_MFA("phishing-resistant MFA"),
    TOKEN_PROTECTION("token protection"),
    COMPLIANT_DEVICE("compliant/hybrid device"),
    CAE("CAE strict"),
    RISK_STEP_UP("risk-based step-up"),
    AUTH_CONTEXT_EVERY_TIME("auth context + every-time"),
    PROTECTED_ACTIONS("protected actions");

    private final String label;

    Control(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
