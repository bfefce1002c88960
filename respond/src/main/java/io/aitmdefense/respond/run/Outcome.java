package io.aitmdefense.respond.run;

/** How a step ended. */
public enum Outcome {
    /** Written, and the read-back shows the wanted state. */
    VERIFIED("verified"),
    /** The target was already in the wanted state: nothing written. */
    ALREADY_DONE("already done"),
    /** The evidence's target is not there (gone, or hidden from the API): nothing written. */
    NOT_FOUND("not found"),
    /** Waits for approval; the diff says what it would change. */
    PENDING("pending approval"),
    /** The evidence matches several objects: a person chooses. */
    NEEDS_DECISION("needs a decision"),
    /** Read, write or read-back failed. */
    FAILED("failed"),
    /** Left to the script (Exchange without admin REST, on-premises AD). */
    SCRIPT("script"),
    /** Refused by the preflight. */
    REFUSED("refused"),
    /** The evidence bundle was written. */
    COLLECTED("collected");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
