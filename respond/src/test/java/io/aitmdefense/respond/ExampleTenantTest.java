package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.Outcome;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example end to end: its logs through the detections into incidents, each incident into a plan, and
 * the plan run against a local tenant that holds the attacker's objects (with the values of the example's raw
 * records) beside the user's own.
 */
class ExampleTenantTest {
    @TempDir
    Path dir;

    private static Incident incidentOf(String user) throws Exception {
        return ExampleIncidents.get().incidents().stream().filter(i -> i.user().equals(user)).findFirst().orElseThrow();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void everyIncidentOfTheExamplePlansOnlyWhatItsEvidenceNames() throws Exception {
        List<Incident> incidents = ExampleIncidents.get().incidents();
        assertThat(incidents).extracting(Incident::user).contains(LUKAS, "sofia.gu@contoso.example",
                "christie.weber@contoso.example", "lara.fischer@contoso.example");
        for (Incident i : incidents) {
            Findings f = IncidentFindings.from(i);
            Plan p = new Planner().plan(f, Optional.empty(), PlanOptions.DEFAULT, Instant.parse("2026-01-10T00:00:00Z"));
            long targeted = p.steps().stream().filter(s -> s.target() instanceof io.aitmdefense.respond.plan.Target.InboxRule
                    || s.target() instanceof io.aitmdefense.respond.plan.Target.Consent
                    || s.target() instanceof io.aitmdefense.respond.plan.Target.Method
                    || s.target() instanceof io.aitmdefense.respond.plan.Target.Forwarding).count();
            assertThat(targeted).as(i.user()).isPositive();
            for (Step s : p.steps()) {
                if (s.target() instanceof io.aitmdefense.respond.plan.Target.Account) continue;
                assertThat(s.evidence()).as(i.user() + " " + s.id() + " rests on log records").isNotEmpty();
            }
        }
        Findings christie = IncidentFindings.from(incidentOf("christie.weber@contoso.example"));
        Plan christiePlan = new Planner().plan(christie, Optional.empty(), PlanOptions.DEFAULT, Instant.parse("2026-01-10T00:00:00Z"));
        assertThat(christiePlan.step("device")).hasValueSatisfying(s -> assertThat(s.title()).contains("DESKTOP-VLTUBCN"));
        assertThat(christiePlan.step("device").orElseThrow().request()).contains("7fc85a36-b263-4947-9c5f-f5c3e2427016");
        Findings sofia = IncidentFindings.from(incidentOf("sofia.gu@contoso.example"));
        assertThat(sofia.forwarding()).singleElement().satisfies(fw -> {
            assertThat(fw.mailbox()).isEqualTo("sofia.gu@contoso.example");
            assertThat(fw.addresses()).containsExactly(ATTACKER_MAIL);
        });
    }

    @Test
    void lukasPlanRemovesExactlyTheAttackersRuleGrantAndMethodAndLeavesHisOwn() throws Exception {
        Findings f = IncidentFindings.from(incidentOf(LUKAS));
        assertThat(f.consents()).singleElement().satisfies(c -> {
            assertThat(c.appId()).isEqualTo(PDF_VIEWER_APP);
            assertThat(c.grantIds()).contains(ATTACKER_GRANT);
        });
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            var api = Contoso.api(tenant, false);
            UserFacts facts = UserFactsReader.read(api, LUKAS);
            Plan plan = new Planner().plan(f, Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
            RunReport r;
            try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
                r = new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts, Approval.all(), Optional.empty());
            }
            assertThat(r.results()).filteredOn(x -> x.outcome() == Outcome.FAILED).isEmpty();
            assertThat(ids(tenant.rules.get(LUKAS_ID))).containsExactly("AQAAAJ5dZp8=", "AQAAAJ5dZqA=");
            assertThat(ids(tenant.methods.get(LUKAS_ID))).containsExactlyInAnyOrder("28c10230-6103-485e-b985-444c60001490",
                    "6803c096-c096-6803-96c0-036896c00368", "-2_GRUg2-HYz6_1YG4YRAQ2", "3179e48a-750b-4051-897c-87b9720928f7");
            assertThat(ids(tenant.grants)).doesNotContain(ATTACKER_GRANT).contains(OWN_GRANT);
        }
    }

    @Test
    void sofiasForwardingAndRuleGoAndHerNewsletterRuleStays() throws Exception {
        Findings f = IncidentFindings.from(incidentOf("sofia.gu@contoso.example"));
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seedSofia(tenant);
            var api = Contoso.api(tenant, true);
            UserFacts facts = UserFactsReader.read(api, f.user());
            Plan plan = new Planner().plan(f, Optional.of(facts), new PlanOptions(false, Set.of(), true), Instant.now());
            RunReport r;
            try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
                r = new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts,
                        Approval.named(Set.of("rule", "forwarding")), Optional.empty());
            }
            assertThat(r.results()).filteredOn(x -> x.step().id().equals("rule") || x.step().id().equals("forwarding"))
                    .extracting(x -> x.outcome()).containsExactly(Outcome.VERIFIED, Outcome.VERIFIED);
            assertThat(ids(tenant.rules.get("646e947c-2e68-43df-a5e5-88910274e15c"))).containsExactly("AQAAAJ5dZrA=");
            assertThat(tenant.mailboxes.get("sofia.gu@contoso.example").path("ForwardingSmtpAddress").isNull()).isTrue();
        }
    }
}
