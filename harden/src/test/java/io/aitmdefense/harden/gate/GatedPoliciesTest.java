package io.aitmdefense.harden.gate;

import io.aitmdefense.harden.emit.ApplySteps;
import io.aitmdefense.harden.emit.PlanJson;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlanFixture;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.PolicyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GatedPoliciesTest {

    @Test
    void aPlanInMemoryGatesTheSamePoliciesAsItsPlanJson(@TempDir Path dir) throws Exception {
        ConditionalAccessSnapshot export = PlanFixture.export();
        HardenPlan plan = PlanFixture.plan();
        Files.writeString(dir.resolve(PlanJson.FILE), PlanJson.write(plan, ApplySteps.of(plan), Optional.empty()));
        List<GatedPolicy> fromFile = GatedPolicies.fromPlan(dir, export);
        assertThat(fromFile).as("the fixture's plan creates or changes policies").isNotEmpty();
        assertThat(GatedPolicies.fromPlan(plan, export)).isEqualTo(fromFile);
    }

    @Test
    void aDeployedPolicysRingFollowsItsStateAndAudience() {
        HardenPlan plan = PlanFixture.plan();
        ConditionalAccessPolicy pilot = plan.generated().get(0).policy();
        assertThat(pilot.state()).isEqualTo(PolicyState.REPORT_ONLY);
        assertThat(Ring.of(pilot)).contains(Ring.PILOT);
        ConditionalAccessPolicy everyone = plan.generated().get(0).enforced();
        assertThat(Ring.of(everyone)).contains(Ring.EXPAND);
    }
}
