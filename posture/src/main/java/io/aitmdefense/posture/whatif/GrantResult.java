package io.aitmdefense.posture.whatif;

/** What one applicable policy's grant controls say about this sign-in. */
public enum GrantResult {
    BLOCK,
    SATISFIED,
    NOT_SATISFIED,
    /** Session controls only: nothing to satisfy. */
    NO_GRANT_CONTROLS
}
