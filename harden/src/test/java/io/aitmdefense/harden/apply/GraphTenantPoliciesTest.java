package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordedRequest;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import io.aitmdefense.harden.emit.PlanOutput;
import io.aitmdefense.harden.plan.PlanFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Apply and drift through the Graph client against the local Microsoft stand-in, whose Conditional Access endpoints
 * are backed by an in-memory tenant holding the fixture export: the requests on the wire, in order, with Graph's
 * versions, paths, a throttled read retried, and a refusal surfacing as Graph's status.
 */
class GraphTenantPoliciesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    LocalMicrosoft ms;
    InMemoryTenantPolicies backing;
    GraphClient graph;
    final AtomicInteger policyReads = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        List<JsonNode> policies = new ArrayList<>();
        List<JsonNode> contexts = new ArrayList<>();
        for (JsonNode o : JSON.readTree(PlanFixture.EXPORT.toFile()).path("value")) {
            if (o.has("conditions")) policies.add(o);
            else if (o.has("isAvailable")) contexts.add(o);
        }
        backing = InMemoryTenantPolicies.of(policies, contexts);
        ms = LocalMicrosoft.start();
        ms.on("GET", "/beta/identity/conditionalAccess/policies", r ->
                policyReads.getAndIncrement() == 0 ? Reply.throttled("2") : page(backing.policies()));
        ms.on("GET", "/v1.0/identity/conditionalAccess/authenticationContextClassReferences", r -> page(backing.authenticationContexts()));
        ms.on("GET", "/v1.0/identity/conditionalAccess/namedLocations", r -> page(backing.namedLocations()));
        for (String version : List.of("v1.0", "beta")) {
            ms.on("POST", "/" + version + "/identity/conditionalAccess/policies", r -> {
                String id = backing.createPolicy(version, body(r));
                return Reply.json(201, backing.policies().stream().filter(p -> p.path("id").asText().equals(id)).findFirst()
                        .orElseThrow().toString());
            });
        }
        ms.on("PATCH", "/v1.0/identity/conditionalAccess/policies/*", r -> write(() -> backing.updatePolicy(last(r), body(r))));
        ms.on("PATCH", "/v1.0/identity/conditionalAccess/authenticationContextClassReferences/*",
                r -> write(() -> backing.putAuthenticationContext(last(r), body(r))));
        String actions = "/beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/";
        ms.on("GET", actions + "*", r -> backing.resourceAction(last(r)).map(a -> Reply.json(200, a.toString()))
                .orElse(Reply.json(404, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"no such action\"}}")));
        ms.on("PATCH", actions + "*", r -> write(() -> backing.updateResourceAction(last(r), body(r))));
        graph = ms.clients(ms.settingsWithToken()).sleeper(new RecordingSleeper()).build().graph();
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    @Test
    void thePlanGoesOnTheWireInDependencyOrderAndDriftReadsItBack() throws IOException {
        PlanOutput.write(PlanFixture.plan(), Optional.empty(), dir.resolve("plan"));
        CommittedPlan plan = CommittedPlan.read(dir.resolve("plan"));
        GraphTenantPolicies tenant = new GraphTenantPolicies(graph);
        PlanApplier applier = new PlanApplier(tenant);
        List<PlannedWrite> diff = applier.diff(plan);
        assertThat(ms.writes()).as("the diff only reads").isEmpty();
        assertThat(policyReads.get()).as("the throttled read was retried").isEqualTo(2);

        AuditTrail audit = new AuditTrail(dir.resolve("audit.jsonl"), Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC));
        assertThat(applier.apply(diff, audit)).isEqualTo(8);
        assertThat(ms.writes()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "PATCH /v1.0/identity/conditionalAccess/authenticationContextClassReferences/c2",
                "PATCH /v1.0/identity/conditionalAccess/authenticationContextClassReferences/c1",
                "POST /v1.0/identity/conditionalAccess/policies",
                "POST /v1.0/identity/conditionalAccess/policies",
                "POST /beta/identity/conditionalAccess/policies",
                "POST /v1.0/identity/conditionalAccess/policies",
                "POST /v1.0/identity/conditionalAccess/policies",
                "PATCH /v1.0/identity/conditionalAccess/policies/5c2e8a11-6b7f-4c3d-8e9f-0000000000b7");
        RecordedRequest tp = ms.writes().get(4);
        assertThat(JSON.readTree(tp.body()).at("/sessionControls/secureSignInSession/isEnabled").asBoolean()).isTrue();
        assertThat(JSON.readTree(ms.writes().get(7).body()).fieldNames()).toIterable().containsExactly("conditions");
        assertThat(AuditTrail.verify(dir.resolve("audit.jsonl"))).isEmpty();
        assertThat(new DriftCheck(tenant).check(plan)).isEmpty();
        assertThat(applier.diff(plan)).extracting(PlannedWrite::kind).doesNotContain(PlannedWrite.Kind.WRITE);
    }

    @Test
    void aRefusedWriteCarriesGraphsStatus() {
        GraphTenantPolicies tenant = new GraphTenantPolicies(graph);
        ObjectNode body = JSON.createObjectNode().put("state", "enabled");
        assertThatThrownBy(() -> tenant.updatePolicy("00000000-0000-0000-0000-0000000000ff", body))
                .isInstanceOf(TenantWriteException.class).satisfies(e -> assertThat(((TenantWriteException) e).status()).isEqualTo(404));
        assertThat(tenant.resourceAction("microsoft.directory-unknown")).isEmpty();
    }

    private static Reply page(List<JsonNode> items) {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("value").addAll(items);
        return Reply.json(200, o.toString());
    }

    private static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String last(RecordedRequest r) {
        return r.path().substring(r.path().lastIndexOf('/') + 1);
    }

    private static Reply write(Runnable r) {
        try {
            r.run();
            return Reply.noContent();
        } catch (TenantWriteException e) {
            return Reply.json(e.status(), "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"" + e.getMessage() + "\"}}");
        }
    }
}
