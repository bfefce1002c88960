package io.aitmdefense.respond;

import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.config.AutoPolicy;
import io.aitmdefense.respond.config.RespondSettings;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoContainmentTest {
    @TempDir
    Path dir;

    @Test
    void thePolicyIsReadFromTheTenantFileAndIsOffByDefault() throws Exception {
        Path yaml = dir.resolve("tenant.yaml");
        Files.writeString(yaml, "tenant:\n  breakGlass: [Glass@contoso.example]\n");
        RespondSettings none = RespondSettings.load(yaml);
        assertThat(none.auto().enabled()).isFalse();
        assertThat(none.auto().decide(lukas()).automatic()).isFalse();
        assertThat(none.breakGlass()).containsExactly("glass@contoso.example");

        Files.writeString(yaml, "respond:\n  exchange: true\n  auto:\n    detections: [signin-then-persistence]\n    minConfidence: 0.9\n");
        RespondSettings on = RespondSettings.load(yaml);
        assertThat(on.exchange()).isTrue();
        AutoPolicy.Decision d = on.auto().decide(lukas());
        assertThat(d.automatic()).isTrue();
        assertThat(d.reason()).contains("signin-then-persistence").contains("0.95");
        assertThat(new AutoPolicy(List.of("signin-then-persistence"), 0.99).decide(lukas()).reason()).contains("below");
        assertThat(new AutoPolicy(List.of("device-code-phish"), 0.5).decide(lukas()).automatic()).isFalse();
    }

    @Test
    void onCanaryAtRiskRevokesTheSessionsOfAUserTheCanaryNamedAndNothingElse() throws Exception {
        Path yaml = dir.resolve("tenant.yaml");
        Files.writeString(yaml, "respond:\n  auto:\n    onCanaryAtRisk: revoke-sessions\n");
        AutoPolicy policy = RespondSettings.load(yaml).auto();
        assertThat(policy.enabled()).as("the opt-in alone turns automatic containment on").isTrue();

        Findings atRisk = withDetections(lukas(), List.of("phishing-page-canary"));
        AutoPolicy.Decision d = policy.decide(atRisk);
        assertThat(d.automatic()).isTrue();
        assertThat(d.reason()).contains("onCanaryAtRisk");
        assertThat(d.approval().label()).isEqualTo("auto:onCanaryAtRisk");
        Plan plan = new Planner().plan(atRisk, Optional.empty(), PlanOptions.DEFAULT, Instant.now());
        assertThat(plan.steps().stream().filter(d.approval()::allows).map(s -> s.id()))
                .as("of the automatic steps only revoke; evidence is a read").containsExactly("evidence", "revoke");

        assertThat(policy.decide(lukas()).automatic()).as("an incident the canary did not name").isFalse();
        Findings page = new Findings("inc-page", TENANT, "login.micros0ft-auth.example", 0.95, FIRST, LAST,
                List.of("phishing-page-canary"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Optional.of("login.micros0ft-auth.example"));
        assertThat(policy.decide(page).automatic()).as("a page has no sessions to revoke").isFalse();

        AutoPolicy both = new AutoPolicy(List.of("signin-then-persistence"), 0.9, true);
        assertThat(both.decide(withDetections(lukas(), List.of("phishing-page-canary", "signin-then-persistence"))).approval())
                .as("a listed detection runs every automatic step").isEqualTo(Approval.automatic("signin-then-persistence"));
        assertThat(RespondSettings.load(write("respond:\n  auto:\n    detections: [x]\n")).auto().revokeOnCanaryAtRisk())
                .as("off by default").isFalse();
        assertThatThrownBy(() -> RespondSettings.load(write("respond:\n  auto:\n    onCanaryAtRisk: disable\n")))
                .hasMessageContaining("respond.auto.onCanaryAtRisk: expected revoke-sessions or off, got 'disable'");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Findings withDetections(Findings f, List<String> detections) {
        return new Findings(f.incidentId(), f.tenant(), f.user(), f.confidence(), f.firstActivity(), f.lastActivity(),
                detections, f.evidence(), f.rules(), f.forwarding(), f.consents(), f.methods(), f.devices(), f.ips(),
                f.campaignUsers());
    }

    @Test
    void aWrongKeyOrValueInTheRespondSectionNamesTheFileAndTheKey() throws Exception {
        Path yaml = dir.resolve("tenant.yaml");
        Files.writeString(yaml, "respond:\n  auto:\n    detection: [x]\n    minConfidence: 9\n");
        assertThatThrownBy(() -> RespondSettings.load(yaml)).hasMessageContaining(yaml + ": respond.auto.detection: unknown key")
                .hasMessageContaining("respond.auto.minConfidence: expected a number from 0 to 1, got '9'");
    }

    @Test
    void automaticContainmentRunsTheReversibleStepsAndLeavesTheRestForAPerson() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            var api = Contoso.api(tenant, false);
            UserFacts facts = UserFactsReader.read(api, LUKAS);
            Plan plan = new Planner().plan(lukas(), Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
            RunReport r;
            try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
                r = new Runner(api, audit, Clock.systemUTC(), "policy:respond.auto").run(plan, facts,
                        Approval.automatic("signin-then-persistence"), Optional.empty());
            }
            Map<String, Outcome> o = r.results().stream().collect(Collectors.toMap(x -> x.step().id(), StepResult::outcome));
            assertThat(o).containsEntry("disable", Outcome.VERIFIED).containsEntry("revoke", Outcome.VERIFIED)
                    .containsEntry("confirm", Outcome.VERIFIED).containsEntry("rule", Outcome.VERIFIED)
                    .containsEntry("method", Outcome.PENDING).containsEntry("grant", Outcome.PENDING)
                    .containsEntry("app", Outcome.PENDING).containsEntry("password", Outcome.PENDING)
                    .containsEntry("enable", Outcome.PENDING);
            assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"approval\":\"auto:signin-then-persistence\"");
        }
    }
}
