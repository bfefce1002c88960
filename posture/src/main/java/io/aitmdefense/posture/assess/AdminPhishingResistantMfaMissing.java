package io.aitmdefense.posture.assess;

import java.util.List;

/** AITM-CA-002: no enabled phishing-resistant strength reaches the admins persona at credential capture. */
final class AdminPhishingResistantMfaMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-002", Severity.CRITICAL,
            "Phishing-resistant MFA is not enforced for administrators",
            "Push, OTP, SMS and voice are relayed by an AiTM proxy in real time. Only an authentication strength whose "
                    + "combinations are all phishing-resistant (Windows Hello for Business, FIDO2, certificate MFA) "
                    + "cannot be relayed. A report-only policy does not count.",
            "Create or promote a policy: users = the privileged directory roles, resources = All resources, grant = "
                    + "authentication strength 'Phishing-resistant MFA' (00000000-0000-0000-0000-000000000004), no OR "
                    + "with 'mfa', exclude only the break-glass group. Start report-only, then enable.");

    @Override
    public Check check() {
        return Check.ADMIN_PHISHING_RESISTANT_MFA_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        CoverageCell cell = context.matrix().cell(KillChainStep.CREDENTIAL_CAPTURE, Control.PHISHING_RESISTANT_MFA);
        if (cell.personas().contains(Persona.ADMINS)) return List.of();
        List<String> reportOnly = cell.status() == CellStatus.REPORT_ONLY ? cell.policies() : List.of();
        return List.of(new Finding(check(), "No enabled policy requires a phishing-resistant strength "
                + "for Global Administrators." + CheckContext.reportOnlySuffix(reportOnly), reportOnly));
    }
}
