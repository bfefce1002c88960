package io.aitmdefense.posture.whatif;

/** One term of a grant expression, in the order Entra prompts for them under OR. */
public enum RequirementKind {
    MFA,
    AUTHENTICATION_STRENGTH,
    COMPLIANT_DEVICE,
    HYBRID_JOINED_DEVICE,
    APPROVED_CLIENT_APP,
    APP_PROTECTION_POLICY,
    PASSWORD_CHANGE,
    RISK_REMEDIATION,
    TERMS_OF_USE,
    CUSTOM_CONTROL
}
