package io.aitmdefense.server.contain;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.respond.Contoso.ATTACKER_RULE_ID;
import static io.aitmdefense.respond.Contoso.LUKAS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Containment over the store against respond's local tenant: plan, approve, run, audit, automatic containment. */
class ContainmentTest {
    @TempDir
    Path dir;
    private Database db;
    private LocalTenant tenant;
    private final Incident lukas = Contoso.lukasIncident();

    @BeforeEach
    void setUp() throws Exception {
        db = Database.embedded(dir.resolve("db"));
        tenant = new LocalTenant(Clock.systemUTC());
        Contoso.seed(tenant);
        db.incidents().save(new IncidentRow(lukas.id(), lukas.tenant(), lukas.userKey(), lukas.user(), lukas.severity().label(),
                "open", lukas.start(), lukas.end(), lukas.end(), 0, IncidentsJson.incidentText(lukas)), Set.of("CREATED"));
    }

    @AfterEach
    void tearDown() {
        tenant.close();
        db.close();
    }

    private Containment containment(String respond) throws Exception {
        RespondSettings s = RespondSettings.load(LocalTenants.tenantFile(dir, "tenant.yaml", tenant, Contoso.TENANT, respond));
        return new Containment(db, new ResponseTenants(Map.of(Contoso.TENANT, s), Optional.empty()), dir.resolve("evidence"),
                Clock.systemUTC());
    }

    @Test
    void aPlanIsADryRunAndOnlyTheApprovedStepsAreWrittenVerifiedAndAudited() throws Exception {
        try (Containment c = containment("")) {
            PlanView planned = c.plan(lukas.id());
            assertThat(planned.status()).isEqualTo("planned");
            assertThat(planned.plan().path("plan").path("schema").asText()).isEqualTo("aitm.plan/1");
            assertThat(planned.plan().path("plan").path("steps").findValuesAsText("id")).contains("disable", "revoke", "rule", "grant");
            assertThat(tenant.requests()).as("planning talks to nobody").isEmpty();
            assertThat(c.plan(lukas.id()).plan().path("plan")).as("the stored plan is kept").isEqualTo(planned.plan().path("plan"));

            assertThatThrownBy(() -> c.approve(planned.id(), List.of("rule", "nuke"), "analyst:jdoe"))
                    .hasMessageContaining("no step 'nuke'").hasMessageContaining("revoke");
            PlanView approved = c.approve(planned.id(), List.of("rule", "revoke"), "analyst:jdoe");
            assertThat(approved.status()).isEqualTo("approved");
            assertThat(tenant.writes()).isEmpty();

            PlanView done = c.run(planned.id(), "analyst:jdoe");
            assertThat(done.status()).as(done.plan().toString()).isEqualTo("done");
            Map<String, String> outcomes = outcomes(done);
            assertThat(outcomes).containsEntry("rule", "verified").containsEntry("revoke", "verified")
                    .containsEntry("disable", "pending").containsEntry("grant", "pending");
            assertThat(LocalTenants.rules(tenant, LUKAS_ID)).doesNotContain(ATTACKER_RULE_ID).contains("AQAAAJ5dZp8=");
            assertThat(tenant.user(LUKAS_ID).path("accountEnabled").asBoolean()).as("disable was not approved").isTrue();
            assertThat(tenant.writes()).extracting(LocalTenant.Request::method).containsExactlyInAnyOrder("DELETE", "POST");

            List<JsonNode> audit = c.audit(lukas.id());
            assertThat(audit).extracting(e -> e.path("event").asText()).contains("decision", "read", "write", "verify");
            assertThat(audit.get(0).path("outcome").asText()).isEqualTo("approved");
            assertThat(audit).filteredOn(e -> e.path("event").asText().equals("write"))
                    .allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("analyst:jdoe"));
            assertThat(AuditChain.verify(db.audit().entries(Containment.chain(lukas.id())).stream()
                    .map(io.aitmdefense.store.AuditLog.Entry::entry).toList()).intact()).isTrue();
            assertThat(done.plan().path("audit").path("intact").asBoolean()).isTrue();
            assertThat(audit.toString()).doesNotContain(Contoso.TOKEN);
        }
    }

    @Test
    void withoutMicrosoftCredentialsAPlanIsMadeButNotRun() throws Exception {
        try (Containment c = new Containment(db, ResponseTenants.NONE, dir.resolve("evidence"), Clock.systemUTC())) {
            PlanView p = c.plan(lukas.id());
            assertThat(p.plan().path("plan").path("steps").size()).isPositive();
            assertThatThrownBy(() -> c.run(p.id(), "analyst:jdoe")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no Microsoft credentials for tenant " + Contoso.TENANT);
            assertThatThrownBy(() -> c.plan("inc-nope")).hasMessageContaining("no incident inc-nope");
        }
    }

    @Test
    void automaticContainmentRunsTheReversibleStepsOnceAndAgainOnlyForNewTargets() throws Exception {
        try (Containment c = containment("respond:\n  auto:\n    detections: [signin-then-persistence]\n    minConfidence: 0.9\n")) {
            PlanView p = c.automatically(lukas).orElseThrow();
            assertThat(outcomes(p)).containsEntry("disable", "verified").containsEntry("revoke", "verified")
                    .containsEntry("rule", "verified").containsEntry("grant", "pending").containsEntry("password", "pending");
            assertThat(c.audit(lukas.id())).anySatisfy(e -> {
                assertThat(e.path("outcome").asText()).isEqualTo("auto-approved");
                assertThat(e.path("actor").asText()).isEqualTo("policy:respond.auto");
            });
            int writes = tenant.writes().size();
            assertThat(c.automatically(lukas)).as("the same evidence is not run twice").isEmpty();
            assertThat(tenant.writes()).hasSize(writes);
        }
    }

    @Test
    void automaticContainmentOffWritesNothing() throws Exception {
        try (Containment c = containment("respond:\n  auto:\n    detections: [device-code-phish]\n")) {
            assertThat(c.automatically(lukas)).isEmpty();
            assertThat(tenant.requests()).isEmpty();
            assertThat(c.audit(lukas.id())).singleElement().satisfies(e -> assertThat(e.path("outcome").asText()).isEqualTo("auto-declined"));
            assertThat(c.plan(lukas.id()).status()).isEqualTo("planned");
        }
    }

    static Map<String, String> outcomes(PlanView p) {
        Map<String, String> out = new java.util.TreeMap<>();
        p.plan().path("run").path("steps").forEach(s -> out.put(s.path("id").asText(), s.path("outcome").asText()));
        return out;
    }
}
