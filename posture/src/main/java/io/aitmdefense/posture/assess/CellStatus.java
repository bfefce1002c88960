package io.aitmdefense.posture.assess;

/** State of one matrix cell. Only {@link #ENFORCED} breaks the step; report-only shows what promotion would add. */
public enum CellStatus {
    ENFORCED("enforced"),
    REPORT_ONLY("report-only"),
    MISSING("no enforced control"),
    NOT_APPLICABLE("n/a");

    private final String label;

    CellStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
