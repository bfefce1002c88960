package io.aitmdefense.posture.model;

/** Whether an authentication strength ships with Entra or was defined by the tenant. */
public enum StrengthPolicyType {
    BUILT_IN,
    CUSTOM
}
