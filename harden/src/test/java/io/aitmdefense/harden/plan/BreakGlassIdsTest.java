package io.aitmdefense.harden.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BreakGlassIdsTest {

    @Test
    void anIdUsedAsAGroupIsAGroupAndPrefixesDecideTheRest() {
        var export = PlanFixture.export();
        BreakGlassIds ids = BreakGlassIds.classify(List.of(PlanFixture.BREAK_GLASS_GROUP, "user:u-1", "group:g-1", " u-2 ", ""), export);
        assertThat(ids.groups()).containsExactly(PlanFixture.BREAK_GLASS_GROUP, "g-1");
        assertThat(ids.users()).containsExactly("u-1", "u-2");
    }
}
