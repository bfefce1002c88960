package io.aitmdefense.posture.assess;

import java.util.List;

/** AITM-CA-003: no enabled phishing-resistant strength reaches ordinary users at credential capture. */
final class UserPhishingResistantMfaMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-003", Severity.HIGH,
            "Phishing-resistant MFA is not enforced for all users",
            "Without a phishing-resistant authentication strength every user's MFA can be relayed, so the proxy "
                    + "obtains a fully MFA-satisfied session cookie.",
            "Roll out passkeys / Windows Hello for Business, then require authentication strength 'Phishing-resistant "
                    + "MFA' for All users on All resources (ring by ring, report-only first, break-glass excluded). "
                    + "Until then, require a compliant device so the relayed session cannot be used off-device.");

    @Override
    public Check check() {
        return Check.USER_PHISHING_RESISTANT_MFA_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        CoverageCell cell = context.matrix().cell(KillChainStep.CREDENTIAL_CAPTURE, Control.PHISHING_RESISTANT_MFA);
        if (cell.personas().contains(Persona.ALL_USERS)) return List.of();
        List<String> reportOnly = cell.status() == CellStatus.REPORT_ONLY ? cell.policies() : List.of();
        return List.of(new Finding(check(), "No enabled policy requires a phishing-resistant strength "
                + "for ordinary users." + CheckContext.reportOnlySuffix(reportOnly), reportOnly));
    }
}
