package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessPolicyState}. Only {@link #ENABLED} enforces; report-only is evaluated but never enforced. */
public enum PolicyState {
    ENABLED("enabled"),
    DISABLED("disabled"),
    REPORT_ONLY("enabledForReportingButNotEnforced");

    private final String graphName;

    PolicyState(String graphName) {
        this.graphName = graphName;
    }

    public String graphName() {
        return graphName;
    }
}
