package io.aitmdefense.posture.assess;

import java.util.List;

/** AITM-CA-008: no enabled policy sets CAE strict enforcement or strict location. */
final class CaeStrictMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-008", Severity.LOW,
            "Continuous access evaluation strict enforcement is not configured",
            "CAE with strictLocation makes Exchange, SharePoint, Teams and Graph reject a token as soon as it is used "
                    + "from an IP outside the allowed IP named locations, so a replayed token dies at the resource, not "
                    + "after its hour-long lifetime.",
            "For admins first: a policy with session control continuousAccessEvaluation mode = strictLocation over "
                    + "All resources, with IP named locations covering every egress (no split tunnel). It is a beta "
                    + "Graph property.");

    @Override
    public Check check() {
        return Check.CAE_STRICT_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        CoverageCell cell = context.matrix().cell(KillChainStep.REPLAY, Control.CAE);
        if (cell.status() == CellStatus.ENFORCED) return List.of();
        return List.of(new Finding(check(), "No enabled policy sets continuousAccessEvaluation to strictLocation or "
                + "strictEnforcement." + CheckContext.reportOnlySuffix(cell.status() == CellStatus.REPORT_ONLY
                ? cell.policies() : List.of()), cell.policies()));
    }
}
