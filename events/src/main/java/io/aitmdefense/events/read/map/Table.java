package io.aitmdefense.events.read.map;

/** The log table (or Graph resource, UAL workload) a record belongs to, recognised from its content. */
public enum Table {
    SIGNIN_INTERACTIVE("SigninLogs"),
    SIGNIN_NON_INTERACTIVE("AADNonInteractiveUserSignInLogs"),
    SIGNIN_SERVICE_PRINCIPAL("AADServicePrincipalSignInLogs"),
    SIGNIN_MANAGED_IDENTITY("AADManagedIdentitySignInLogs"),
    AUDIT("AuditLogs"),
    RISK_DETECTION("AADUserRiskEvents"),
    RISKY_USER("AADRiskyUsers"),
    OFFICE_ACTIVITY("OfficeActivity"),
    UAL_DIRECTORY("AzureActiveDirectory (UAL)"),
    UAL_STS_LOGON("AzureActiveDirectoryStsLogon (UAL)"),
    GRAPH_ACTIVITY("MicrosoftGraphActivityLogs"),
    SECURITY_ALERT("SecurityAlert"),
    /** Recognised but carries nothing the detections use (Defender advanced hunting, provisioning logs …). */
    UNSUPPORTED("unsupported");

    private final String label;

    Table(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
