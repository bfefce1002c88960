package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aitmdefense.harden.emit.PlanOutput;
import io.aitmdefense.harden.plan.PlanFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan applied to an in-memory tenant holding the fixture export, promoted ring by ring, then tampered with. */
class ApplyAndDriftTest {

    static final String MANAGED_ID = "5c2e8a11-6b7f-4c3d-8e9f-0000000000b7";
    static final String TP = "AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps";
    static final String C2 = "AiTM-AuthContext-c2-TenantConfig-PhishingResistant-EveryTime";

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();
    InMemoryTenantPolicies tenant;
    CommittedPlan plan;
    AuditTrail audit;
    Path auditFile;

    @BeforeEach
    void setUp() throws IOException {
        PlanOutput.write(PlanFixture.plan(), Optional.empty(), dir.resolve("plan"));
        plan = CommittedPlan.read(dir.resolve("plan"));
        List<JsonNode> policies = new ArrayList<>();
        List<JsonNode> contexts = new ArrayList<>();
        for (JsonNode o : json.readTree(PlanFixture.EXPORT.toFile()).path("value")) {
            if (o.has("conditions")) policies.add(o);
            else if (o.has("isAvailable")) contexts.add(o);
        }
        tenant = InMemoryTenantPolicies.of(policies, contexts);
        auditFile = dir.resolve("audit/harden-audit.jsonl");
        audit = new AuditTrail(auditFile, Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC));
    }

    private List<String> kinds(List<PlannedWrite> diff) {
        return diff.stream().map(w -> w.kind().label() + " " + w.step()).toList();
    }

    @Test
    void theDiffIsADryRunInDependencyOrderAndApplyWritesExactlyIt() throws IOException {
        PlanApplier applier = new PlanApplier(tenant);
        List<PlannedWrite> diff = applier.diff(plan);
        assertThat(kinds(diff)).containsExactly("write 1", "write 2", "write 3", "write 4", "write 5", "write 6", "write 7",
                "write 8", "waiting 9");
        assertThat(diff.get(8).note()).contains("'" + C2 + "' is missing").contains("re-authentication");
        assertThat(tenant.writes()).as("a diff writes nothing").isEmpty();

        assertThat(applier.apply(diff, audit)).isEqualTo(8);
        assertThat(tenant.writes()).containsExactly(
                "PATCH authenticationContextClassReferences/c2", "PATCH authenticationContextClassReferences/c1",
                "POST v1.0 policies " + C2, "POST v1.0 policies AiTM-AuthContext-c1-SensitiveResources-PhishingResistant-EveryTime",
                "POST beta policies " + TP, "POST v1.0 policies AiTM-AllResources-SignInRiskMediumHigh-PhishingResistant-EveryTime",
                "POST v1.0 policies AiTM-AllResources-RequireCompliantOrHybridDevice", "PATCH policies/" + MANAGED_ID);
        assertThat(Files.readAllLines(auditFile)).hasSize(8);
        assertThat(AuditTrail.verify(auditFile)).isEmpty();
        assertThat(tenant.policyByName(TP).orElseThrow().path("state").asText()).isEqualTo("enabledForReportingButNotEnforced");

        // the Microsoft-managed policy: break-glass excluded, everything else as Microsoft made it
        JsonNode managed = tenant.policies().stream().filter(p -> p.path("id").asText().equals(MANAGED_ID)).findFirst().orElseThrow();
        assertThat(managed.at("/conditions/users/excludeGroups").toString()).contains(PlanFixture.BREAK_GLASS_GROUP);
        assertThat(managed.path("state").asText()).isEqualTo("enabledForReportingButNotEnforced");
        assertThat(managed.at("/conditions/authenticationFlows/transferMethods").asText()).isEqualTo("deviceCodeFlow");
        assertThat(managed.at("/grantControls/builtInControls").toString()).isEqualTo("[\"block\"]");

        assertThat(kinds(applier.diff(plan))).as("applying twice changes nothing").containsExactly("unchanged 1", "unchanged 2",
                "unchanged 3", "unchanged 4", "unchanged 5", "unchanged 6", "unchanged 7", "unchanged 8", "waiting 9");
    }

    @Test
    void ringsAdvanceOnlyWhereTheGateSaysAdvanceAndProtectedActionsWaitForC2() throws IOException {
        PlanApplier applier = new PlanApplier(tenant);
        applier.apply(applier.diff(plan), audit);
        RingPromotion promotion = new RingPromotion(tenant);

        List<PlannedWrite> toWider = promotion.diff(plan, gate("pilot", TP, "hold"));
        assertThat(toWider).filteredOn(w -> w.what().contains(TP)).singleElement()
                .satisfies(w -> assertThat(w.kind()).isEqualTo(PlannedWrite.Kind.WAITING));
        applier.apply(toWider, audit);
        assertThat(tenant.policyByName(TP).orElseThrow().at("/conditions/users/includeGroups").toString()).contains(PlanFixture.PILOT_GROUP);
        assertThat(tenant.policyByName(C2).orElseThrow().at("/conditions/users/includeUsers").toString()).isEqualTo("[\"All\"]");
        assertThat(tenant.policyByName(C2).orElseThrow().at("/conditions/users/excludeGroups").toString())
                .contains(PlanFixture.BREAK_GLASS_GROUP);

        applier.apply(promotion.diff(plan, gate("wider", TP, "hold")), audit);
        assertThat(tenant.policyByName(C2).orElseThrow().path("state").asText()).isEqualTo("enabled");
        assertThat(tenant.policyByName(C2).orElseThrow().at("/conditions/users/includeGroups").toString()).contains(PlanFixture.PILOT_GROUP);
        assertThat(tenant.policyByName(TP).orElseThrow().path("state").asText()).isEqualTo("enabledForReportingButNotEnforced");

        List<PlannedWrite> bindings = applier.diff(plan).stream().filter(w -> w.step() == 9).toList();
        assertThat(bindings).hasSize(7).allMatch(w -> w.kind() == PlannedWrite.Kind.WRITE);
        applier.apply(bindings, audit);
        assertThat(tenant.resourceAction("microsoft.directory-conditionalAccessPolicies-basic-update-patch").orElseThrow()
                .path("authenticationContextId").asText()).isEqualTo("c2");
        assertThat(AuditTrail.verify(auditFile)).isEmpty();
        assertThat(new DriftCheck(tenant).check(plan)).as("promotions are not drift").isEmpty();
    }

    @Test
    void driftNamesWhatChangedInTheLivePolicies() throws IOException {
        PlanApplier applier = new PlanApplier(tenant);
        applier.apply(applier.diff(plan), audit);
        String c2Id = tenant.policyByName(C2).orElseThrow().path("id").asText();
        String tpId = tenant.policyByName(TP).orElseThrow().path("id").asText();
        tenant.tamper(c2Id, "state", TextNode.valueOf("disabled"));
        ObjectNode tpUsers = (ObjectNode) tenant.policyByName(TP).orElseThrow().path("conditions").path("users").deepCopy();
        tpUsers.withArray("excludeUsers").add("a7a7a7a7-0000-4000-8000-00000000e001");
        ObjectNode conditions = (ObjectNode) tenant.policyByName(TP).orElseThrow().path("conditions").deepCopy();
        conditions.set("users", tpUsers);
        tenant.tamper(tpId, "conditions", conditions);
        ObjectNode managedConditions = (ObjectNode) tenant.policies().stream().filter(p -> p.path("id").asText().equals(MANAGED_ID))
                .findFirst().orElseThrow().path("conditions").deepCopy();
        ((ObjectNode) managedConditions.path("users")).putArray("excludeGroups");
        tenant.tamper(MANAGED_ID, "conditions", managedConditions);

        List<DriftCheck.Drift> drift = new DriftCheck(tenant).check(plan);
        assertThat(drift).extracting(DriftCheck.Drift::object).containsExactly(C2, TP, "Microsoft-managed: Block device code flow");
        assertThat(drift).allMatch(DriftCheck.Drift::weakens);
        assertThat(drift.get(0).changes()).containsExactly("state: \"enabledForReportingButNotEnforced\" → \"disabled\"");
        assertThat(drift.get(1).changes()).singleElement().asString().startsWith("conditions.users.excludeUsers:")
                .contains("a7a7a7a7-0000-4000-8000-00000000e001");
        assertThat(drift.get(2).changes()).containsExactly("conditions.users.excludeGroups: " + PlanFixture.BREAK_GLASS_GROUP + " removed");
        assertThat(kinds(applier.diff(plan))).contains("conflict 5").as("apply never overwrites a tampered policy blindly");
    }

    @Test
    void anEditedAuditLineBreaksTheChainAndARefusedWriteIsAuditedAndStops() throws IOException {
        PlanApplier applier = new PlanApplier(tenant);
        List<PlannedWrite> diff = new ArrayList<>(applier.diff(plan));
        // the managed policy disappears between diff and apply
        InMemoryTenantPolicies empty = InMemoryTenantPolicies.of(List.of(), List.of());
        PlanApplier other = new PlanApplier(empty);
        assertThatThrownBy(() -> other.apply(diff, audit)).isInstanceOf(TenantWriteException.class).hasMessageContaining("does not exist");
        List<String> lines = Files.readAllLines(auditFile);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(7)).contains("\"outcome\":\"refused 404: policy " + MANAGED_ID + " does not exist\"");
        assertThat(AuditTrail.verify(auditFile)).isEmpty();

        lines.set(3, lines.get(3).replace("enabledForReportingButNotEnforced", "enabled"));
        Files.write(auditFile, lines, StandardCharsets.UTF_8);
        // the edited line itself is named: its hash no longer matches its text
        assertThat(AuditTrail.verify(auditFile)).hasValueSatisfying(v -> assertThat(v).contains(":4: its text does not match its hash"));
    }

    private Path gate(String ring, String policy, String verdictForPolicy) throws IOException {
        ObjectNode g = json.createObjectNode();
        g.put("schema", "aitm.harden-gate/1");
        g.put("ring", ring);
        var ps = g.putArray("policies");
        for (CommittedPlan.Policy p : plan.policies()) {
            ObjectNode x = ps.addObject();
            x.put("displayName", p.displayName());
            x.put("verdict", p.displayName().equals(policy) ? verdictForPolicy : "advance");
            x.put("reason", "test");
        }
        Path f = dir.resolve("gate-" + ring + ".json");
        Files.writeString(f, g.toString());
        return f;
    }
}
