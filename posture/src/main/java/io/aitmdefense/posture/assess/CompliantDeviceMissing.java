package io.aitmdefense.posture.assess;

import java.util.List;
import java.util.Set;

/** AITM-CA-005: no enabled device-bound grant for both users and admins at replay. */
final class CompliantDeviceMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-005", Severity.HIGH,
            "No enforced compliant or hybrid-joined device requirement",
            "A device-bound grant stops a cookie captured by a proxy or replayed from attacker infrastructure: the "
                    + "attacker's machine is not enrolled. It is the strongest AiTM control short of phishing-resistant "
                    + "MFA and also covers browsers, which token protection does not.",
            "Require 'compliantDevice' OR 'domainJoinedDevice' for All resources on the managed platforms (Windows, "
                    + "macOS, iOS, Android) and block the remaining platforms; exclude Intune enrolment apps and the "
                    + "break-glass group.");

    private static String labels(Set<Persona> personas) {
        return String.join(", ", personas.stream().map(Persona::label).toList());
    }

    @Override
    public Check check() {
        return Check.COMPLIANT_DEVICE_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        CoverageCell cell = context.matrix().cell(KillChainStep.REPLAY, Control.COMPLIANT_DEVICE);
        if (cell.status() == CellStatus.ENFORCED && cell.personas().contains(Persona.ALL_USERS)
                && cell.personas().contains(Persona.ADMINS)) return List.of();
        String detail = cell.status() == CellStatus.ENFORCED
                ? "Enforced only for " + labels(cell.personas()) + "." : "No enabled policy requires a compliant or "
                + "hybrid-joined device." + CheckContext.reportOnlySuffix(cell.status() == CellStatus.REPORT_ONLY
                ? cell.policies() : List.of());
        return List.of(new Finding(check(), detail, cell.policies()));
    }
}
