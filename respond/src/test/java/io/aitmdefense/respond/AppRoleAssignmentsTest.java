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
import java.util.stream.StreamSupport;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lukas Vance's assignment to the app he consented from the attacker's session (PDF Viewer Online) is removed beside the
 * grant; his assignment to another app (approleassignments-list.json) and another user's assignment to the same app
 * stay. A repeat writes nothing; a 404 on the DELETE while the read still lists the assignment is a failure.
 */
class AppRoleAssignmentsTest {
    static final String ATTACKER_ASSIGNMENT = "Z9xQ3sWmKUK2Fh0r8tY1aQbL4e7uJxZPq1VnB0c2d3E";
    static final String OTHER_USER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String OTHER_USERS_ASSIGNMENT = "kP2mN8vR4EK7tY6wQ1zX3cB9nM5aS0dF7gH2jK4lL6o";

    @TempDir
    Path dir;
    LocalTenant tenant;
    TenantApi api;
    String ownAssignment;

    @BeforeEach
    void start() throws Exception {
        tenant = new LocalTenant(Clock.systemUTC());
        Contoso.seed(tenant);
        tenant.addAppRoleAssignment(ATTACKER_ASSIGNMENT, LUKAS_ID, PDF_VIEWER_SP, "PDF Viewer Online");
        ObjectNode own = (ObjectNode) LocalTenant.sample("approleassignments-list.json").path("value").get(0).deepCopy();
        own.put("principalId", LUKAS_ID).put("principalDisplayName", "Lukas Vance");
        tenant.appRoleAssignments.add(own);
        ownAssignment = own.path("id").asText();
        tenant.addAppRoleAssignment(OTHER_USERS_ASSIGNMENT, OTHER_USER, PDF_VIEWER_SP, "PDF Viewer Online");
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

    private static StepResult approle(RunReport r) {
        return r.results().stream().filter(x -> x.step().id().equals("approle")).findFirst().orElseThrow();
    }

    private List<String> assignments() {
        return StreamSupport.stream(tenant.appRoleAssignments.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void theAssignmentStepSitsBetweenTheGrantAndTheServicePrincipalAndNeedsApproval() {
        Plan plan = new Planner().plan(lukas(), Optional.empty(), PlanOptions.DEFAULT, Instant.now());
        List<String> order = plan.steps().stream().map(Step::id).toList();
        assertThat(order.indexOf("approle")).isEqualTo(order.indexOf("grant") + 1).isEqualTo(order.indexOf("app") - 1);
        Step step = plan.step("approle").orElseThrow();
        assertThat(step.gate()).isEqualTo(Step.Gate.APPROVAL);
        assertThat(step.request()).startsWith("DELETE /v1.0/users/" + LUKAS + "/appRoleAssignments/");
        assertThat(step.kind().permission()).isEqualTo("AppRoleAssignment.ReadWrite.All");
        assertThat(step.evidence()).isNotEmpty();
    }

    @Test
    void approvedOnlyTheAssignmentToTheConsentedAppGoesAndARepeatWritesNothing() throws Exception {
        RunReport dry = run(lukas(), Approval.none());
        assertThat(approle(dry).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(approle(dry).change()).contains(ATTACKER_ASSIGNMENT, "PDF Viewer Online").doesNotContain(ownAssignment);
        assertThat(tenant.writes()).isEmpty();

        RunReport r = run(lukas(), Approval.named(Set.of("approle")));
        assertThat(approle(r).outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(tenant.writes()).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("DELETE");
            assertThat(w.path()).isEqualTo("/v1.0/users/" + LUKAS + "/appRoleAssignments/" + ATTACKER_ASSIGNMENT);
        });
        assertThat(assignments()).containsExactly(ownAssignment, OTHER_USERS_ASSIGNMENT);
        assertThat(tenant.requests()).anySatisfy(q -> assertThat(q.path())
                .isEqualTo("/v1.0/users/" + LUKAS + "/appRoleAssignments?$filter=resourceId%20eq%20" + PDF_VIEWER_SP));

        RunReport again = run(lukas(), Approval.named(Set.of("approle")));
        assertThat(approle(again).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(tenant.writes()).hasSize(1);
    }

    @Test
    void aNotFoundAnswerWhileTheReadStillListsTheAssignmentIsAFailureNotAlreadyGone() throws Exception {
        tenant.fail("DELETE", "/appRoleAssignments/", 404, "Request_ResourceNotFound", null, 1);
        RunReport r = run(lukas(), Approval.named(Set.of("approle")));
        assertThat(approle(r).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(approle(r).message()).contains("read-back mismatch");
        assertThat(assignments()).contains(ATTACKER_ASSIGNMENT);
    }

    @Test
    void theEvidenceBundleHoldsTheUsersAssignments() throws Exception {
        UserFacts facts = UserFactsReader.read(api, LUKAS);
        Plan plan = new Planner().plan(lukas(), Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
        try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
            new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts, Approval.none(), Optional.of(dir.resolve("ev")));
        }
        Path file = java.nio.file.Files.walk(dir.resolve("ev")).filter(p -> p.getFileName().toString().equals("app-role-assignments.json"))
                .findFirst().orElseThrow();
        JsonNode saved = LocalTenant.JSON.readTree(file.toFile());
        assertThat(saved.toString()).contains(ATTACKER_ASSIGNMENT, ownAssignment).doesNotContain(OTHER_USERS_ASSIGNMENT);
    }
}
