package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.contain.LocalTenants;
import io.aitmdefense.server.contain.ResponseTenants;
import io.aitmdefense.server.web.TestConsole;
import io.aitmdefense.server.web.WebSecurity;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.aitmdefense.respond.Contoso.ATTACKER_RULE_ID;
import static io.aitmdefense.respond.Contoso.LUKAS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** From the console to verified containment against respond's local tenant: plan, approve, run, audit trail. */
class PlansApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final List<Containment> opened = new ArrayList<>();

    TestConsole console(ResponseTenants tenants) throws Exception {
        return new TestConsole(dir.resolve("console-" + opened.size()), c -> {
            Containment containment = new Containment(c.db(), tenants, dir.resolve("evidence"), Clock.systemUTC());
            opened.add(containment);
            return c.withContainment(containment);
        });
    }

    static void store(TestConsole console, Incident i) {
        console.db.incidents().save(new IncidentRow(i.id(), i.tenant(), i.userKey(), i.user(), i.severity().label(), "open",
                i.start(), i.end(), i.end(), 0, IncidentsJson.incidentText(i)), Set.of("CREATED"));
    }

    JsonNode send(TestConsole console, TestConsole.Browser who, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = console.request(path).header("Cookie", who.cookie());
        if (body != null) {
            b.header(WebSecurity.CSRF_HEADER, who.csrf()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = console.send(b);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    @Test
    void aResponderPlansApprovesAndRunsContainmentAndTheAuditTrailHoldsEveryStepWithItsActor() throws Exception {
        Incident lukas = Contoso.lukasIncident();
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            RespondSettings s = RespondSettings.load(LocalTenants.tenantFile(dir, "tenant.yaml", tenant, Contoso.TENANT, ""));
            try (TestConsole console = console(new ResponseTenants(Map.of(Contoso.TENANT, s), Optional.empty()))) {
                store(console, lukas);
                TestConsole.Browser viewer = console.browser(console.user("vera", "viewer"));
                TestConsole.Browser rita = console.browser(console.user("rita", "responder"));
                String planPath = "/api/v1/incidents/" + lukas.id() + "/plan";
                send(console, viewer, planPath, null, 403);
                send(console, viewer, "/api/v1/audit?incident=" + lukas.id(), null, 403);

                JsonNode planned = send(console, rita, planPath, null, 200);
                assertThat(planned.path("schema").asText()).isEqualTo("aitm.api.plan/1");
                assertThat(planned.path("status").asText()).isEqualTo("planned");
                assertThat(planned.path("plan").path("plan").path("steps").findValuesAsText("id")).contains("rule", "revoke");
                assertThat(tenant.writes()).as("planning writes nothing").isEmpty();
                String planId = planned.path("id").asText();
                assertThat(send(console, rita, "/api/v1/incidents/" + lukas.id(), null, 200).path("plans").get(0).path("id").asText())
                        .isEqualTo(planId);

                String approve = "/api/v1/plans/" + planId + "/approve";
                send(console, viewer, approve, "{\"steps\":[\"rule\"]}", 403);
                assertThat(send(console, rita, approve, "{\"steps\":[\"rule\",\"nuke\"]}", 400).path("error").asText())
                        .contains("no step 'nuke'");
                send(console, rita, approve, "{}", 400);
                assertThat(send(console, rita, approve, "{\"steps\":[\"rule\",\"revoke\"]}", 200).path("status").asText())
                        .isEqualTo("approved");
                assertThat(tenant.writes()).as("approving writes nothing").isEmpty();

                JsonNode done = send(console, rita, "/api/v1/plans/" + planId + "/run", "", 200);
                assertThat(done.path("status").asText()).isEqualTo("done");
                Map<String, String> outcomes = new TreeMap<>();
                done.path("plan").path("run").path("steps").forEach(x -> outcomes.put(x.path("id").asText(), x.path("outcome").asText()));
                assertThat(outcomes).containsEntry("rule", "verified").containsEntry("revoke", "verified").containsEntry("disable", "pending");
                assertThat(LocalTenants.rules(tenant, LUKAS_ID)).doesNotContain(ATTACKER_RULE_ID);

                send(console, rita, "/api/v1/incidents/" + lukas.id() + "/acknowledge", "", 200);
                JsonNode audit = send(console, rita, "/api/v1/audit?incident=" + lukas.id(), null, 200);
                assertThat(audit.path("schema").asText()).isEqualTo("aitm.api.audit/1");
                assertThat(audit.path("intact").asBoolean()).isTrue();
                List<String> events = audit.path("entries").findValuesAsText("event");
                assertThat(events).contains("decision", "write", "verify", "triage");
                assertThat(events.get(events.size() - 1)).as("the triage decision is on the same chain, last").isEqualTo("triage");
                assertThat(audit.path("entries")).allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("rita"));
                assertThat(audit.toString()).doesNotContain(Contoso.TOKEN);
                send(console, rita, "/api/v1/audit", null, 400);
                send(console, rita, "/api/v1/audit?incident=inc-nope", null, 404);
                send(console, rita, "/api/v1/incidents/inc-nope/plan", null, 404);
            }
        } finally {
            opened.forEach(Containment::close);
        }
    }

    @Test
    void withoutMicrosoftCredentialsThePlanIsShownButRunningItIsRefusedSayingWhy() throws Exception {
        Incident lukas = Contoso.lukasIncident();
        try (TestConsole console = console(ResponseTenants.NONE)) {
            store(console, lukas);
            TestConsole.Browser rita = console.browser(console.user("rita", "responder"));
            String planId = send(console, rita, "/api/v1/incidents/" + lukas.id() + "/plan", null, 200).path("id").asText();
            send(console, rita, "/api/v1/plans/" + planId + "/approve", "{\"steps\":[\"revoke\"]}", 200);
            assertThat(send(console, rita, "/api/v1/plans/" + planId + "/run", "", 409).path("error").asText())
                    .contains("no Microsoft credentials for tenant " + Contoso.TENANT);
            send(console, rita, "/api/v1/plans/plan-nope/run", "", 404);
        } finally {
            opened.forEach(Containment::close);
        }
        try (TestConsole plain = new TestConsole(dir.resolve("plain"))) {
            assertThat(plain.get("/api/v1/incidents/" + lukas.id() + "/plan", plain.adminToken).statusCode())
                    .as("a console without containment says so").isEqualTo(503);
        }
    }
}
