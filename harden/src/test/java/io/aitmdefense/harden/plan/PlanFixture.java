package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;

import java.nio.file.Path;
import java.util.List;

/**
 * The synthetic tenant of the golden files: MFA for all users, a Windows-only compliant-device policy (weaker than
 * the target), two Microsoft-managed policies in report-only (device-code block: equivalent; risky sign-ins: high
 * risk and plain MFA, weaker), auth context c1 defined but not offered to apps, and a break-glass group.
 */
public final class PlanFixture {

    public static final Path EXPORT = Path.of("harden/src/test/resources/plan/tenant-export.json");
    public static final String PILOT_GROUP = "2d4c8f7a-1b2c-4d5e-8f90-00000000c001";
    public static final String BREAK_GLASS_GROUP = "0b9a1a6e-0000-4000-8000-00000000b001";
    public static final String BREAK_GLASS_USER = "9f3e4b21-7c6d-4e5f-a1b2-00000000d001";

    private PlanFixture() {
    }

    public static ConditionalAccessSnapshot export() {
        CaReadResult read = new CaExportReader().read(EXPORT);
        if (!read.clean()) throw new IllegalStateException(read.errors().toString());
        return read.snapshot();
    }

    public static PlanOptions options(ConditionalAccessSnapshot export) {
        return new PlanOptions(PILOT_GROUP, BreakGlassIds.classify(List.of(BREAK_GLASS_GROUP, BREAK_GLASS_USER), export),
                PlanOptions.DEFAULT_PREFIX);
    }

    public static HardenPlan plan() {
        ConditionalAccessSnapshot export = export();
        return new PolicyPlanner().plan(export, options(export));
    }
}
