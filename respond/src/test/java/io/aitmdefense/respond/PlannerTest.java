package io.aitmdefense.respond;

import io.aitmdefense.respond.plan.Check;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.StepKind;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.render.PlanJson;
import io.aitmdefense.respond.render.PlanText;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    static final Instant NOW = Instant.parse("2026-01-09T08:00:00Z");

    static UserFacts facts(boolean synced, boolean p2, String... roles) {
        return new UserFacts(LUKAS_ID, LUKAS, true, synced, List.of(roles), Optional.of(p2), Optional.empty(), Optional.empty());
    }

    @Test
    void stepsFollowThePlaybookOrderEvidenceFirstAndEachNamesItsCallPermissionAndEvidence() {
        Plan p = new Planner().plan(lukas(), Optional.of(facts(false, true)), PlanOptions.DEFAULT, NOW);

        assertThat(p.steps()).extracting(Step::id).containsExactly("evidence", "disable", "revoke", "confirm", "rule",
                "method", "grant", "approle", "app", "password", "block", "enable");
        Step rule = p.step("rule").orElseThrow();
        assertThat(rule.request()).startsWith("DELETE /v1.0/users/" + LUKAS + "/mailFolders/inbox/messageRules/");
        assertThat(rule.evidence()).containsExactly("0620b8e3-c867-43be-bfaf-4cbafd91c5eb");
        assertThat(rule.kind().permission()).isEqualTo("MailboxSettings.ReadWrite");
        assertThat(p.step("app").orElseThrow().gate()).isEqualTo(Step.Gate.APPROVAL);
        assertThat(p.step("app").orElseThrow().notes()).anySatisfy(n -> assertThat(n).startsWith("tenant-wide"));
        assertThat(p.step("disable").orElseThrow().gate()).isEqualTo(Step.Gate.AUTOMATIC_OR_APPROVAL);
        assertThat(p.step("method").orElseThrow().gate()).isEqualTo(Step.Gate.APPROVAL);
        assertThat(p.step("enable").orElseThrow().gate()).isEqualTo(Step.Gate.NAMED_ONLY);
        assertThat(p.step("confirm").orElseThrow().request()).contains(LUKAS_ID);
        assertThat(p.refused()).isFalse();
    }

    @Test
    void aSyncedUserGetsAWarningAndAnOnPremisesScriptInsteadOfACloudPasswordReset() {
        Plan p = new Planner().plan(lukas(), Optional.of(facts(true, true)), PlanOptions.DEFAULT, NOW);

        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("synced from on-premises Active Directory"));
        assertThat(p.step("password").orElseThrow().gate()).isEqualTo(Step.Gate.SCRIPT);
        assertThat(p.preflight()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("synced");
            assertThat(c.status()).isEqualTo(Check.Status.WARN);
        });
        assertThat(p.script()).contains("Disable-ADAccount -Identity $user").contains("Set-ADAccountPassword");
        assertThat(p.step("disable").orElseThrow().notes()).anySatisfy(n -> assertThat(n).contains("Active Directory"));
    }

    @Test
    void withoutP2ConfirmCompromisedIsLeftOutAndSaidSo() {
        Plan p = new Planner().plan(lukas(), Optional.of(facts(false, false)), PlanOptions.DEFAULT, NOW);
        assertThat(p.steps()).extracting(Step::kind).doesNotContain(StepKind.CONFIRM_COMPROMISED);
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("Entra ID P2"));
    }

    @Test
    void aPrivilegedTargetIsRefusedUnlessConfirmed() {
        Plan refused = new Planner().plan(lukas(), Optional.of(facts(false, true, "Global Administrator")), PlanOptions.DEFAULT, NOW);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.steps()).filteredOn(s -> s.kind() != StepKind.EVIDENCE)
                .allSatisfy(s -> assertThat(s.gate()).isEqualTo(Step.Gate.REFUSED));
        assertThat(refused.step("evidence").orElseThrow().gate()).isEqualTo(Step.Gate.ALWAYS);
        assertThat(PlanText.plan(refused)).contains("refused without --confirm-privileged");

        Plan confirmed = new Planner().plan(lukas(), Optional.of(facts(false, true, "Global Administrator")),
                new PlanOptions(true, Set.of(), false), NOW);
        assertThat(confirmed.refused()).isFalse();
        assertThat(confirmed.step("disable").orElseThrow().gate()).isEqualTo(Step.Gate.AUTOMATIC_OR_APPROVAL);
    }

    @Test
    void offlineThePlanStillNamesEveryTargetAndLeavesTheTenantChecksToTheRun() {
        Plan p = new Planner().plan(lukas(), Optional.empty(), PlanOptions.DEFAULT, NOW);
        assertThat(p.preflight()).anySatisfy(c -> assertThat(c.status()).isEqualTo(Check.Status.UNKNOWN));
        assertThat(p.steps()).extracting(Step::id).contains("rule", "method", "grant", "app");
        String text = PlanText.plan(p);
        assertThat(text).contains("lukas.vance@contoso.example").contains("Nothing has been changed")
                .contains("Other users of the same campaign").contains("sofia.gu@contoso.example");
        var json = PlanJson.plan(p);
        assertThat(json.path("schema").asText()).isEqualTo("aitm.plan/1");
        assertThat(json.path("steps").get(4).path("evidence").get(0).asText()).isEqualTo("0620b8e3-c867-43be-bfaf-4cbafd91c5eb");
        assertThat(json.path("steps").get(4).path("reversible").asBoolean()).isTrue();
        assertThat(json.path("steps").get(5).path("reversible").asBoolean()).isFalse();
    }

    @Test
    void mailboxForwardingIsAnExchangeStepThatBecomesAScriptWithoutExchangeAccess() {
        Plan scripted = new Planner().plan(sofia(), Optional.empty(), PlanOptions.DEFAULT, NOW);
        assertThat(scripted.step("forwarding").orElseThrow().gate()).isEqualTo(Step.Gate.SCRIPT);
        Plan exchange = new Planner().plan(sofia(), Optional.empty(), new PlanOptions(false, Set.of(), true), NOW);
        assertThat(exchange.step("forwarding").orElseThrow().gate()).isEqualTo(Step.Gate.AUTOMATIC_OR_APPROVAL);
        assertThat(scripted.script()).contains("Get-InboxRule -Mailbox 'sofia.gu@contoso.example' -IncludeHidden")
                .contains("Set-CASMailbox -Identity 'sofia.gu@contoso.example'").contains("Get-MobileDevice");
    }

    @Test
    void aRuleNamedToInjectPowerShellStaysAQuotedString() {
        var f = lukas();
        var evil = new io.aitmdefense.respond.plan.Target.InboxRule(LUKAS, "x'; Remove-Mailbox -Identity * ; '", "", List.of(), List.of());
        var findings = new io.aitmdefense.respond.plan.Findings(f.incidentId(), f.tenant(), f.user(), f.confidence(),
                f.firstActivity(), f.lastActivity(), f.detections(), f.evidence(), List.of(evil), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
        String script = new Planner().plan(findings, Optional.empty(), PlanOptions.DEFAULT, NOW).script();
        assertThat(script).contains("'lukas.vance@contoso.example\\x''; Remove-Mailbox -Identity * ; '''");
    }
}
