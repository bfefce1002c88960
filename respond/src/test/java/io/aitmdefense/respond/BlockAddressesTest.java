package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.Target;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.Outcome;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.Runner;
import io.aitmdefense.respond.run.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacker's addresses posted as the one untrusted IP named location aitm keeps: created the first time in the
 * shape of Graph's own example (namedlocation-create.request.json), found again by its name and merged on the next
 * incident (a PATCH replaces the whole list, so what was there is sent back), nothing written on a repeat.
 */
class BlockAddressesTest {
    @TempDir
    Path dir;
    LocalTenant tenant;
    TenantApi api;

    @BeforeEach
    void start() throws Exception {
        tenant = new LocalTenant(Clock.systemUTC());
        Contoso.seed(tenant);
        Contoso.seedSofia(tenant);
        api = Contoso.api(tenant, false);
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    private RunReport run(Findings f, Approval approval) throws Exception {
        UserFacts facts = UserFactsReader.read(api, f.user());
        Plan plan = new Planner().plan(f, Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
        try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
            return new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts, approval, Optional.empty());
        }
    }

    private static StepResult block(RunReport r) {
        return r.results().stream().filter(x -> x.step().id().equals("block")).findFirst().orElseThrow();
    }

    private List<String> cidrs(JsonNode location) {
        return location.path("ipRanges").findValuesAsText("cidrAddress");
    }

    @Test
    void theBlockStepNeedsApprovalAndSaysTheBlockingPolicyIsLeftToHardening() {
        Plan plan = new Planner().plan(lukas(), Optional.empty(), PlanOptions.DEFAULT, Instant.now());
        Step step = plan.step("block").orElseThrow();
        assertThat(step.gate()).isEqualTo(Step.Gate.APPROVAL);
        assertThat(step.target()).isInstanceOfSatisfying(Target.Addresses.class, a -> {
            assertThat(a.location()).isEqualTo("aitm: attacker addresses");
            assertThat(a.ranges()).containsExactly("146.70.9.211/32", "146.70.186.172/32");
        });
        assertThat(step.notes()).anySatisfy(n -> assertThat(n).contains("Conditional Access policy", "aitm harden"));
        List<String> order = plan.steps().stream().map(Step::id).toList();
        assertThat(order.indexOf("block")).isEqualTo(order.indexOf("enable") - 1);
    }

    @Test
    void theFirstIncidentCreatesTheLocationTheNextIsMergedInAndARepeatWritesNothing() throws Exception {
        RunReport dry = run(lukas(), Approval.none());
        assertThat(block(dry).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(block(dry).change()).contains("no named location \"aitm: attacker addresses\"", "created, untrusted");
        assertThat(tenant.writes()).isEmpty();

        RunReport first = run(lukas(), Approval.named(Set.of("block")));
        assertThat(block(first).outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(tenant.writes()).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("POST");
            assertThat(w.path()).isEqualTo("/v1.0/identity/conditionalAccess/namedLocations");
            JsonNode body = LocalTenant.read(w.body());
            JsonNode sample = LocalTenant.sample("namedlocation-create.request.json");
            assertThat(body.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactlyElementsOf(sample.properties().stream().map(java.util.Map.Entry::getKey).toList());
            assertThat(body.path("isTrusted").asBoolean(true)).isFalse();
            assertThat(body.path("ipRanges").get(0).path("@odata.type").asText())
                    .isEqualTo(sample.path("ipRanges").get(0).path("@odata.type").asText());
        });
        assertThat(tenant.namedLocations).singleElement().satisfies(l -> assertThat(cidrs(l))
                .containsExactly("146.70.9.211/32", "146.70.186.172/32"));
        String id = tenant.namedLocations.get(0).path("id").asText();

        RunReport again = run(lukas(), Approval.named(Set.of("block")));
        assertThat(block(again).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(tenant.writes()).hasSize(1);

        Findings s = sofia(); // as in the example: one address shared with Lukas's incident, one new
        Findings sofia = new Findings(s.incidentId(), s.tenant(), s.user(), s.confidence(), s.firstActivity(), s.lastActivity(),
                s.detections(), s.evidence(), s.rules(), s.forwarding(), s.consents(), s.methods(), s.devices(),
                List.of("146.70.9.211", "146.70.159.121"), s.campaignUsers());
        RunReport second = run(sofia, Approval.named(Set.of("block")));
        assertThat(block(second).outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(tenant.writes()).hasSize(2).last().satisfies(w -> {
            assertThat(w.method()).isEqualTo("PATCH");
            assertThat(w.path()).isEqualTo("/v1.0/identity/conditionalAccess/namedLocations/" + id);
        });
        assertThat(tenant.namedLocations).singleElement().satisfies(l -> assertThat(cidrs(l))
                .containsExactly("146.70.9.211/32", "146.70.186.172/32", "146.70.159.121/32"));
    }

    @Test
    void rangesSomeoneElseAddedToTheLocationAreKeptWhenOursAreMergedIn() throws Exception {
        ObjectNode existing = (ObjectNode) LocalTenant.sample("namedlocation-create.json").deepCopy();
        existing.remove("@odata.context");
        existing.put("displayName", "aitm: attacker addresses");
        tenant.namedLocations.add(existing);

        RunReport r = run(lukas(), Approval.named(Set.of("block")));
        assertThat(block(r).outcome()).isEqualTo(Outcome.VERIFIED);
        JsonNode location = tenant.namedLocations.get(0);
        assertThat(cidrs(location)).containsExactly("12.34.221.11/22", "2001:0:9d38:90d6:0:0:0:0/63", "146.70.9.211/32",
                "146.70.186.172/32");
        assertThat(location.path("ipRanges").get(1).path("@odata.type").asText()).isEqualTo("#microsoft.graph.iPv6CidrRange");
        assertThat(tenant.writes()).singleElement().satisfies(w -> assertThat(w.method()).isEqualTo("PATCH"));
    }

    @Test
    void aLocationOfThatNameMarkedTrustedStopsForAPersonAndIsNotTouched() throws Exception {
        ObjectNode trusted = (ObjectNode) LocalTenant.sample("namedlocation-create.json").deepCopy();
        trusted.put("displayName", "aitm: attacker addresses").put("isTrusted", true);
        tenant.namedLocations.add(trusted);

        RunReport r = run(lukas(), Approval.named(Set.of("block")));
        assertThat(block(r).outcome()).isEqualTo(Outcome.NEEDS_DECISION);
        assertThat(block(r).message()).contains("marked trusted");
        assertThat(tenant.writes()).isEmpty();
    }
}
