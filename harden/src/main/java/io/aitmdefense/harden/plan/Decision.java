package io.aitmdefense.harden.plan;

/** What the plan does about one target policy. */
public enum Decision {
    /** Nothing in the export is as strong: a new report-only policy for the pilot group. */
    CREATE("create"),
    /** An existing policy is as strong; it needs a new state or the break-glass exclusions (nothing else is touched). */
    CHANGE("change existing"),
    /** An existing enforced policy is as strong and already excludes break-glass. */
    KEEP("already in place");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
