package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every public policy set, whatever its shape (templates, PascalCase, demo tenants), assesses consistently. */
class PublicPolicySetsAssessmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"AlexFilipin-ConditionalAccess", "caOptics-demodata", "ScubaGear-CapSnippets-PascalCase",
            "j0eyv-ConditionalAccessBaseline", "philippkohn-CAZeroTrust"})
    void everyPolicyTheReportNamesExistsAndOnlyEnabledPoliciesEnforce(String set) {
        ConditionalAccessSnapshot snapshot = new CaExportReader()
                .read(Path.of("../shared/data/ca-policies", set, "original")).snapshot();
        PostureAssessment a = new PostureAssessor().assess(snapshot, PostureAssessor.Options.defaults());
        Set<String> names = snapshot.policies().stream().map(ConditionalAccessPolicy::label).collect(Collectors.toSet());
        Set<String> enabled = snapshot.policies().stream().filter(ConditionalAccessPolicy::enforced)
                .map(ConditionalAccessPolicy::label).collect(Collectors.toSet());

        for (Finding f : a.findings()) assertThat(names).as(f.id()).containsAll(f.policies());
        for (CoverageCell cell : a.matrix().cells()) {
            assertThat(names).containsAll(cell.policies());
            if (cell.status() == CellStatus.ENFORCED) assertThat(enabled).containsAll(cell.policies());
        }
        for (ReplayResult r : a.replays()) {
            assertThat(enabled).containsAll(r.attacker().decidingPolicies());
            assertThat(enabled).containsAll(r.attacker().applied());
        }
        assertThat(a.findings(Check.INERT_POLICY)).allSatisfy(f -> assertThat(enabled).containsAll(f.policies()));
        assertThat(a.findings()).isSortedAccordingTo((x, y) -> y.severity().compareTo(x.severity()));
    }
}
