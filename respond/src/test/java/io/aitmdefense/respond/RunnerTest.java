package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

class RunnerTest {
    @TempDir
    Path dir;
    LocalTenant tenant;
    TenantApi api;

    @BeforeEach
    void start() throws Exception {
        tenant = new LocalTenant(Clock.systemUTC());
        Contoso.seed(tenant);
        api = Contoso.api(tenant, false);
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    private RunReport run(Findings f, Approval approval, PlanOptions options) throws Exception {
        UserFacts facts = UserFactsReader.read(api, f.user());
        Plan plan = new Planner().plan(f, Optional.of(facts), options, Clock.systemUTC().instant());
        try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
            return new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts, approval,
                    Optional.of(dir.resolve("evidence-" + approval.mode())));
        }
    }

    private static Map<String, Outcome> outcomes(RunReport r) {
        return r.results().stream().collect(Collectors.toMap(x -> x.step().id(), StepResult::outcome, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void aDryRunCollectsEvidenceShowsEachDiffAndWritesNothing() throws Exception {
        RunReport r = run(lukas(), Approval.none(), PlanOptions.DEFAULT);

        assertThat(tenant.requests()).hasSizeGreaterThan(10);
        assertThat(tenant.writes()).isEmpty();
        assertThat(outcomes(r)).containsEntry("evidence", Outcome.COLLECTED).containsEntry("disable", Outcome.PENDING)
                .containsEntry("revoke", Outcome.PENDING).containsEntry("rule", Outcome.PENDING)
                .containsEntry("method", Outcome.PENDING).containsEntry("grant", Outcome.PENDING)
                .containsEntry("app", Outcome.PENDING).containsEntry("password", Outcome.PENDING);
        StepResult rule = r.results().stream().filter(x -> x.step().id().equals("rule")).findFirst().orElseThrow();
        assertThat(rule.change()).contains(ATTACKER_RULE_ID).contains("forwards to " + ATTACKER_MAIL).endsWith("→ deleted");
        assertThat(r.bundle()).isPresent();
        assertThat(r.bundle().get().files()).extracting(i -> i.name()).contains("inbox-rules.json",
                "authentication-methods.json", "oauth2-permission-grants.json", "signins-interactive.json", "user.json");
    }

    @Test
    void anApprovedRunRemovesExactlyTheAttackersRuleGrantAndMethodAndKeepsTheUsersOwn() throws Exception {
        RunReport r = run(lukas(), Approval.all(), PlanOptions.DEFAULT);

        assertThat(r.results()).filteredOn(x -> x.outcome() == Outcome.FAILED).isEmpty();
        assertThat(outcomes(r)).containsEntry("disable", Outcome.VERIFIED).containsEntry("revoke", Outcome.VERIFIED)
                .containsEntry("confirm", Outcome.VERIFIED).containsEntry("rule", Outcome.VERIFIED)
                .containsEntry("method", Outcome.VERIFIED).containsEntry("grant", Outcome.VERIFIED)
                .containsEntry("app", Outcome.VERIFIED).containsEntry("password", Outcome.VERIFIED)
                .containsEntry("enable", Outcome.PENDING);
        assertThat(ids(tenant.rules.get(LUKAS_ID))).containsExactly("AQAAAJ5dZp8=", "AQAAAJ5dZqA=");
        assertThat(ids(tenant.methods.get(LUKAS_ID))).doesNotContain(ATTACKER_METHOD).contains(
                "6803c096-c096-6803-96c0-036896c00368", "-2_GRUg2-HYz6_1YG4YRAQ2", "3179e48a-750b-4051-897c-87b9720928f7",
                "28c10230-6103-485e-b985-444c60001490");
        assertThat(ids(tenant.grants)).doesNotContain(ATTACKER_GRANT).contains(OWN_GRANT,
                "AVs6JuUDjkCFV7q2gd8QTPimBBgj5iBFj0C6GwwRxC0");
        assertThat(tenant.user(LUKAS).path("accountEnabled").asBoolean()).isFalse();
        assertThat(tenant.risky.get(LUKAS_ID).path("riskState").asText()).isEqualTo("confirmedCompromised");
        JsonNode sp = StreamSupport.stream(tenant.servicePrincipals.spliterator(), false)
                .filter(n -> n.path("id").asText().equals(PDF_VIEWER_SP)).findFirst().orElseThrow();
        assertThat(sp.path("accountEnabled").asBoolean()).isFalse();
        assertThat(tenant.servicePrincipals.get(1).path("accountEnabled").asBoolean()).isTrue();
        // exactly one write per step: disable, revoke, confirm, rule, method, grant, app, password, block
        assertThat(tenant.writes()).extracting(LocalTenant.Request::method)
                .containsExactly("PATCH", "POST", "POST", "DELETE", "DELETE", "DELETE", "PATCH", "PATCH", "POST");
    }

    @Test
    void reRunningAFinishedPlanWritesNothing() throws Exception {
        run(lukas(), Approval.all(), PlanOptions.DEFAULT);
        int writes = tenant.writes().size();

        RunReport again = run(lukas(), Approval.all(), PlanOptions.DEFAULT);

        assertThat(tenant.writes()).hasSize(writes);
        assertThat(outcomes(again)).containsEntry("disable", Outcome.ALREADY_DONE).containsEntry("revoke", Outcome.ALREADY_DONE)
                .containsEntry("confirm", Outcome.ALREADY_DONE).containsEntry("rule", Outcome.NOT_FOUND)
                .containsEntry("method", Outcome.NOT_FOUND).containsEntry("grant", Outcome.ALREADY_DONE)
                .containsEntry("app", Outcome.ALREADY_DONE).containsEntry("password", Outcome.ALREADY_DONE);
        StepResult rule = again.results().stream().filter(x -> x.step().id().equals("rule")).findFirst().orElseThrow();
        assertThat(rule.message()).startsWith("removed by an earlier run (verified ");
    }

    @Test
    void aWriteAcceptedButNotAppliedIsAFailedStep() throws Exception {
        tenant.ignoreWrites("PATCH", "/v1.0/users/" + LUKAS);

        RunReport r = run(lukas(), Approval.named(Set.of("disable", "revoke")), PlanOptions.DEFAULT);

        StepResult disable = r.results().stream().filter(x -> x.step().id().equals("disable")).findFirst().orElseThrow();
        assertThat(disable.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(disable.message()).startsWith("read-back mismatch").contains("accountEnabled true");
        assertThat(outcomes(r)).containsEntry("revoke", Outcome.VERIFIED).containsEntry("rule", Outcome.PENDING);
        assertThat(r.failed()).isTrue();
    }

    @Test
    void a404OnDeleteIsNotTakenAsGoneWhileTheRuleIsStillListed() throws Exception {
        tenant.fail("DELETE", "/messageRules/" + ATTACKER_RULE_ID, 404, "ErrorItemNotFound", null, 1);

        RunReport r = run(lukas(), Approval.named(Set.of("rule")), PlanOptions.DEFAULT);

        assertThat(outcomes(r)).containsEntry("rule", Outcome.FAILED);
        assertThat(ids(tenant.rules.get(LUKAS_ID))).contains(ATTACKER_RULE_ID);
    }

    @Test
    void aPasswordResetWhoseAnswerIsLostIsNeverRepeated() throws Exception {
        tenant.fail("PATCH", "/v1.0/users/" + LUKAS, 504, "GatewayTimeout", null, 1);

        RunReport r = run(lukas(), Approval.named(Set.of("password")), PlanOptions.DEFAULT);

        assertThat(tenant.writes()).hasSize(1);
        assertThat(tenant.writes().get(0).body()).contains("passwordProfile");
        assertThat(outcomes(r)).containsEntry("password", Outcome.FAILED);
    }

    @Test
    void aPrivilegedAccountIsRefusedWithoutConfirmationAndActedOnWithIt() throws Exception {
        tenant.roles.put(LUKAS_ID, List.of("Exchange Administrator"));

        RunReport refused = run(lukas(), Approval.all(), PlanOptions.DEFAULT);
        assertThat(refused.plan().refused()).isTrue();
        assertThat(refused.plan().preflight()).anySatisfy(c -> assertThat(c.message()).contains("Exchange Administrator"));
        assertThat(tenant.writes()).isEmpty();
        assertThat(refused.results()).filteredOn(x -> x.step().kind() != io.aitmdefense.respond.plan.StepKind.EVIDENCE)
                .allSatisfy(x -> assertThat(x.outcome()).isEqualTo(Outcome.REFUSED));

        RunReport confirmed = run(lukas(), Approval.named(Set.of("disable")), new PlanOptions(true, Set.of(), false));
        assertThat(outcomes(confirmed)).containsEntry("disable", Outcome.VERIFIED);
    }

    @Test
    void aBreakGlassAccountIsRefusedEvenWithoutARole() throws Exception {
        RunReport r = run(lukas(), Approval.all(), new PlanOptions(false, Set.of("Lukas.Vance@contoso.example"), false));
        assertThat(r.plan().refused()).isTrue();
        assertThat(tenant.writes()).isEmpty();
    }

    @Test
    void mailboxForwardingIsClearedThroughExchangeWhenConfiguredAndScriptedWhenNot() throws Exception {
        Contoso.seedSofia(tenant);
        RunReport scripted = run(sofia(), Approval.all(), PlanOptions.DEFAULT);
        assertThat(outcomes(scripted)).containsEntry("forwarding", Outcome.SCRIPT);
        assertThat(scripted.plan().script()).contains("Set-Mailbox -Identity 'sofia.gu@contoso.example' -ForwardingSmtpAddress $null");
        assertThat(tenant.mailboxes.get("sofia.gu@contoso.example").path("ForwardingSmtpAddress").asText()).contains("proton.me");

        api = Contoso.api(tenant, true);
        RunReport done = run(sofia(), Approval.named(Set.of("forwarding")), new PlanOptions(false, Set.of(), true));
        assertThat(outcomes(done)).containsEntry("forwarding", Outcome.VERIFIED);
        assertThat(tenant.mailboxes.get("sofia.gu@contoso.example").path("ForwardingSmtpAddress").isNull()).isTrue();
        assertThat(done.bundle().get().files()).extracting(i -> i.name()).contains("exchange-mailbox.json", "exchange-inbox-rules.json");
    }

    @Test
    void theEvidenceManifestHoldsTheHashOfEveryFileAndTheFailuresOfAMixedBatch() throws Exception {
        tenant.fail("GET", "/auditLogs/directoryAudits", 403, "Authorization_RequestDenied", null, 2);
        tenant.fail("GET", "/authentication/methods", 429, "TooManyRequests", "0.02", 1);
        tenant.fail("GET", "/registeredDevices", 424, "FailedDependency", null, 1);

        RunReport r = run(lukas(), Approval.none(), PlanOptions.DEFAULT);

        var bundle = r.bundle().orElseThrow();
        assertThat(bundle.failed()).extracting(i -> i.name() + " " + i.status())
                .containsExactlyInAnyOrder("audits-targeting-user.json 403", "audits-by-user.json 403", "registered-devices.json 424");
        assertThat(bundle.files()).extracting(i -> i.name()).contains("authentication-methods.json");
        JsonNode manifest = Json.MAPPER.readTree(bundle.folder().resolve("manifest.json").toFile());
        assertThat(manifest.path("schema").asText()).isEqualTo("aitm.evidence/1");
        assertThat(manifest.path("files").size()).isEqualTo(bundle.files().size()).isGreaterThan(8);
        for (JsonNode f : manifest.path("files")) {
            byte[] bytes = Files.readAllBytes(bundle.folder().resolve(f.path("name").asText()));
            assertThat(io.aitmdefense.respond.evidence.EvidenceCollectorAccess.sha256(bytes)).isEqualTo(f.path("sha256").asText());
        }
        JsonNode methods = Json.MAPPER.readTree(bundle.folder().resolve("authentication-methods.json").toFile());
        assertThat(methods.path("value").size()).isEqualTo(5);
        // the throttled item alone was sent again
        long batches = tenant.requests().stream().filter(q -> q.path().endsWith("/$batch")).count();
        assertThat(batches).isEqualTo(2);
        assertThat(bundle.notes()).anySatisfy(n -> assertThat(n).contains("-IncludeHidden"));
    }

    @Test
    void theAuditTrailHasOneSealedLinePerRequestAndDecisionAndNoSecrets() throws Exception {
        run(lukas(), Approval.all(), PlanOptions.DEFAULT);
        List<String> lines = AuditTrail.lines(dir.resolve("audit.jsonl"));
        assertThat(AuditChain.verify(lines).intact()).isTrue();
        List<JsonNode> entries = new ArrayList<>();
        for (String l : lines) entries.add(Json.MAPPER.readTree(l));
        assertThat(entries).filteredOn(e -> e.path("event").asText().equals("write")).hasSize(9)
                .allSatisfy(e -> {
                    assertThat(e.path("requestId").asText()).isNotEmpty();
                    assertThat(e.path("clientRequestId").asText()).isNotEmpty();
                    assertThat(e.path("actor").asText()).isEqualTo("analyst:test");
                    assertThat(e.path("approval").asText()).isEqualTo("--approve");
                });
        JsonNode ruleWrite = entries.stream().filter(e -> e.path("step").asText().equals("rule")
                && e.path("event").asText().equals("write")).findFirst().orElseThrow();
        assertThat(ruleWrite.path("before").toString()).contains(ATTACKER_MAIL).contains("Archive");

        String password = tenant.writes().stream().filter(w -> w.body().contains("passwordProfile")).findFirst()
                .map(w -> LocalTenant.read(w.body()).path("passwordProfile").path("password").asText()).orElseThrow();
        assertThat(password).hasSizeGreaterThan(16);
        String audit = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(audit).doesNotContain(password).doesNotContain(TOKEN).contains("[redacted]");
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(TOKEN).doesNotContain(password);
            }
        }
    }

    @Test
    void aRuleHiddenFromGraphIsFoundAndRemovedThroughExchangeWhenAllowedAndReportedWhenNot() throws Exception {
        tenant.rules.get(LUKAS_ID).remove(2); // the attacker's rule is hidden from MAPI: Graph does not list it
        tenant.addHiddenRule(LUKAS, "1711483025", " ", ATTACKER_MAIL);

        RunReport graphOnly = run(lukas(), Approval.named(Set.of("rule")), PlanOptions.DEFAULT);
        assertThat(outcomes(graphOnly)).containsEntry("rule", Outcome.NOT_FOUND);
        StepResult r = graphOnly.results().stream().filter(x -> x.step().id().equals("rule")).findFirst().orElseThrow();
        assertThat(r.message()).contains("hidden from Graph").contains("-IncludeHidden");

        api = Contoso.api(tenant, true);
        RunReport exchange = run(lukas(), Approval.named(Set.of("rule")), new PlanOptions(false, Set.of(), true));
        assertThat(outcomes(exchange)).containsEntry("rule", Outcome.VERIFIED);
        assertThat(tenant.hiddenRules.get(LUKAS)).isEmpty();
        assertThat(ids(tenant.rules.get(LUKAS_ID))).containsExactly("AQAAAJ5dZp8=", "AQAAAJ5dZqA=");
        assertThat(tenant.writes()).singleElement().satisfies(w -> assertThat(w.body()).contains("Remove-InboxRule")
                .contains(LUKAS + "\\\\1711483025"));
    }
}
