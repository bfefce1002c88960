package io.aitmdefense.posture.whatif;

/** Whether a policy applies to a sign-in; the third value mirrors What If's {@code notEnoughInformation}. */
public enum Applicability {
    APPLIES,
    DOES_NOT_APPLY,
    NOT_ENOUGH_INFORMATION,
    /** Disabled policies are never evaluated. */
    NOT_ENABLED
}
