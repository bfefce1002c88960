package io.aitmdefense.posture.whatif;

/** Combined result of all applicable policies. */
public enum Outcome {
    /** An applicable policy blocks; block wins over everything. */
    BLOCKED,
    /** Every applicable grant is met (or none applies). */
    GRANTED,
    /** Not blocked, but some applicable grant still needs something from the user or device. */
    REQUIREMENTS_REMAINING
}
