package io.aitmdefense.posture.whatif;

/** The condition a decision hinges on; names follow What If's {@code analysisReasons}. */
public enum ConditionKind {
    POLICY_NOT_ENABLED,
    USERS,
    WORKLOAD_IDENTITIES,
    APPLICATION,
    USER_ACTIONS,
    AUTHENTICATION_CONTEXT,
    CLIENT_APPS,
    DEVICE_PLATFORM,
    LOCATION,
    DEVICES,
    SIGN_IN_RISK,
    USER_RISK,
    INSIDER_RISK,
    AUTHENTICATION_FLOW,
    /** Every condition matched. */
    ALL_MATCHED
}
