package io.aitmdefense.posture.whatif;

/** Grant controls the sign-in can already meet that are not about methods or device state. */
public enum SatisfiedControl {
    /** The client is an approved client app ({@code approvedApplication}). */
    APPROVED_CLIENT_APP,
    /** The client app is protected by an Intune app protection policy ({@code compliantApplication}). */
    APP_PROTECTION_POLICY,
    /** A secure password change was performed ({@code passwordChange}). */
    PASSWORD_CHANGED,
    /** Risk was remediated ({@code riskRemediation}). */
    RISK_REMEDIATED,
    /** The required terms of use were accepted. */
    TERMS_OF_USE_ACCEPTED
}
