package io.aitmdefense.harden.emit;

import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlanFixture;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated Graph JSON, read back by the posture reader, is the same policy set the planner built. */
class GraphRoundTripTest {

    @TempDir
    Path out;

    @Test
    void generatedPoliciesAndContextsReadBackUnchanged() throws IOException {
        HardenPlan plan = PlanFixture.plan();
        PlanOutput.write(plan, Optional.empty(), out);
        List<Path> bodies;
        try (Stream<Path> files = Files.list(out.resolve("graph"))) {
            bodies = files.filter(f -> f.getFileName().toString().matches("\\d\\d-(policy|context)-.*\\.json")).sorted().toList();
        }
        CaReadResult read = new CaExportReader().read(bodies);
        assertThat(read.errors()).isEmpty();
        assertThat(read.warnings()).isEmpty();
        assertThat(read.unknownFields()).isEmpty();
        List<ConditionalAccessPolicy> expected = plan.generated().stream().map(PlannedPolicy::policy).map(GraphRoundTripTest::plain).toList();
        assertThat(read.snapshot().policies()).hasSize(5);
        assertThat(read.snapshot().policies().stream().map(GraphRoundTripTest::plain).toList()).isEqualTo(expected);
        assertThat(read.snapshot().authenticationContexts()).containsExactlyElementsOf(
                plan.contexts().stream().map(c -> c.context()).toList());
    }

    @Test
    void aChangeCarriesOnlyStateAndTheWholeUsersConditionWithTheExclusionsAdded() throws IOException {
        PlanOutput.write(PlanFixture.plan(), Optional.empty(), out);
        var body = JsonText.mapper().readTree(out.resolve("graph/08-change-block-device-code.json").toFile());
        assertThat(body.fieldNames()).toIterable().containsExactly("conditions");
        assertThat(body.path("conditions").fieldNames()).toIterable().containsExactly("users");
        assertThat(body.at("/conditions/users/includeUsers").toString()).isEqualTo("[\"All\"]");
        assertThat(body.at("/conditions/users/excludeGroups").toString()).contains(PlanFixture.BREAK_GLASS_GROUP);
        assertThat(body.at("/conditions/users/excludeUsers").toString()).contains(PlanFixture.BREAK_GLASS_USER);
    }

    /** Provenance is not part of a policy's meaning. */
    static ConditionalAccessPolicy plain(ConditionalAccessPolicy p) {
        return new ConditionalAccessPolicy(p.id(), p.displayName(), p.state(), p.createdDateTime(), p.modifiedDateTime(),
                p.templateId(), p.conditions(), p.grantControls(), p.sessionControls(), "", Map.of());
    }
}
