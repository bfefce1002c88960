package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.contain.CopyPasteCommands;
import io.aitmdefense.respond.contain.Iocs;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan of a page proxying the sign-in page (the canary's domain incident): one step, {@code block-url}, that
 * puts the domain into the Tenant Allow/Block List through Exchange admin REST — read first, nothing written in a dry
 * run or when it is already blocked, one write on approval, read back — and the users to watch; a tenant whose app
 * cannot run the cmdlets gets a failed step that says why, and nothing written.
 */
class BlockUrlTest {
    static final String DOMAIN = "login.micros0ft-auth.example";
    static final Instant HIT = Instant.parse("2026-01-08T18:10:30Z");

    @TempDir
    Path dir;
    LocalTenant tenant;
    TenantApi api;

    @BeforeEach
    void start() throws Exception {
        tenant = new LocalTenant(Clock.systemUTC());
        api = Contoso.api(tenant, true);
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    static Findings page(List<String> watch) {
        return new Findings("inc-canary-0001", Contoso.TENANT, DOMAIN, 0.95, HIT, HIT.plusSeconds(40),
                List.of("phishing-page-canary"), List.of("canary-hit-1", "canary-hit-2"), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), watch, Optional.of(DOMAIN));
    }

    private RunReport run(Findings f, Approval approval) throws Exception {
        UserFacts facts = UserFactsReader.read(api, f);
        Plan plan = new Planner().plan(f, Optional.of(facts), new PlanOptions(false, java.util.Set.of(), true), Instant.now());
        try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
            return new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts, approval, Optional.of(dir.resolve("evidence")));
        }
    }

    private static StepResult blockUrl(RunReport r) {
        assertThat(r.results()).extracting(x -> x.step().id()).containsExactly("block-url");
        return r.results().get(0);
    }

    @Test
    void aPagesPlanIsTheOneBlockStepWithTheUsersToWatchAndItsCommands() {
        Plan plan = new Planner().plan(page(List.of("lara.fischer@contoso.example")), Optional.empty(),
                new PlanOptions(false, java.util.Set.of(), true), HIT);
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("block-url");
            assertThat(s.gate()).as("tenant-wide: always a person").isEqualTo(Step.Gate.APPROVAL);
            assertThat(s.request()).isEqualTo("Exchange New-TenantAllowBlockListItems -ListType Url -Block -Entries " + DOMAIN + " -NoExpiration");
            assertThat(s.target()).isEqualTo(new Target.Url(DOMAIN, List.of("canary-hit-1", "canary-hit-2")));
        });
        assertThat(plan.refused()).isFalse();
        assertThat(plan.warnings()).singleElement().asString().contains("Watch", "lara.fischer@contoso.example");
        assertThat(plan.script()).contains("Get-TenantAllowBlockListItems -ListType Url -Block",
                "New-TenantAllowBlockListItems -ListType Url -Block -Entries '" + DOMAIN + "' -NoExpiration");
        assertThat(CopyPasteCommands.of(plan).exchange()).isEqualTo(plan.script());
        assertThat(Iocs.of(plan.findings())).extracting(Iocs.Indicator::type, Iocs.Indicator::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("domain-name", DOMAIN));

        Plan withoutExchange = new Planner().plan(page(List.of()), Optional.empty(), PlanOptions.DEFAULT, HIT);
        assertThat(withoutExchange.steps().get(0).gate()).isEqualTo(Step.Gate.SCRIPT);
        assertThat(withoutExchange.warnings().get(0)).contains("No sign-in from the addresses");
    }

    @Test
    void dryRunReadsOnlyApprovalWritesOnceAndReadsBackARepeatWritesNothing() throws Exception {
        StepResult dry = blockUrl(run(page(List.of()), Approval.none()));
        assertThat(dry.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(dry.change()).contains("→ URL block " + DOMAIN + " (no expiry)");
        assertThat(tenant.writes()).isEmpty();
        assertThat(tenant.requests()).as("no user, no evidence bundle: only the list is read").singleElement()
                .satisfies(r -> assertThat(r.body()).contains("Get-TenantAllowBlockListItems"));

        StepResult done = blockUrl(run(page(List.of()), Approval.named(java.util.Set.of("block-url"))));
        assertThat(done.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(tenant.writes()).singleElement().satisfies(w -> assertThat(w.body())
                .contains("New-TenantAllowBlockListItems", "\"Entries\":[\"" + DOMAIN + "\"]", "\"NoExpiration\":true", "\"Block\":true"));
        assertThat(tenant.urlEntries()).singleElement().satisfies(e -> {
            assertThat(e.path("Value").asText()).isEqualTo(DOMAIN);
            assertThat(e.path("Action").asText()).isEqualTo("Block");
            assertThat(e.path("ExpirationDate").isNull()).isTrue();
        });
        List<JsonNode> trail;
        try (AuditTrail t = AuditTrail.open(dir.resolve("audit.jsonl"))) {
            trail = t.entries();
        }
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.path("step").asText()).isEqualTo("block-url");
            assertThat(e.path("event").asText()).isEqualTo("verify");
            assertThat(e.path("outcome").asText()).isEqualTo("verified");
        });

        StepResult again = blockUrl(run(page(List.of()), Approval.all()));
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(tenant.writes()).as("a repeat writes nothing").hasSize(1);
    }

    @Test
    void aDomainSomeoneBlockedBeforeIsAlreadyDone() throws Exception {
        tenant.addUrlEntry("other.example", "Block");
        tenant.addUrlEntry(DOMAIN.toUpperCase(), "Block");
        StepResult r = blockUrl(run(page(List.of()), Approval.all()));
        assertThat(r.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(r.before()).contains("expires");
        assertThat(tenant.writes()).isEmpty();
    }

    @Test
    void withoutTheAllowBlockListTheStepFailsSayingWhyAndWritesNothing() throws Exception {
        tenant.withoutAllowBlockList();
        StepResult r = blockUrl(run(page(List.of()), Approval.all()));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("not available to the app", "CommandNotFoundException", "Defender for Office 365",
                "Security Administrator");
        assertThat(tenant.writes()).isEmpty();
    }
}
