package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.harden.gate.GateJson;
import io.aitmdefense.harden.gate.GateThresholds;
import io.aitmdefense.harden.gate.GatedPolicies;
import io.aitmdefense.harden.gate.Ring;
import io.aitmdefense.harden.gate.RolloutGate;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.server.web.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/harden} answers what {@code aitm harden plan} and {@code aitm harden gate --plan} compute from the same
 * export and logs, by the harden module's own code: the same generated set, the same verdicts and blocking rows.
 */
class HardenApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theHardenRouteAnswersThePlanAndTheGateOfTheServeFilesExportAndSignInLogs() throws Exception {
        Path logs = HardenFixture.signIns(dir.resolve("fixture"));
        HardenPlan plan = HardenFixture.plan();
        // as `aitm harden gate EXPORT LOGS --plan DIR`: no planned policy is in the export yet, so all are in the pilot ring
        RolloutGate gate = new RolloutGate(GatedPolicies.fromPlan(dir.resolve("fixture/plan"), HardenFixture.export()), Ring.PILOT,
                GateThresholds.DEFAULT);
        new LogReader().read(List.of(logs), gate::accept, Progress.NONE);
        JsonNode direct = JSON.readTree(GateJson.write(gate.report()));

        try (TestConsole console = new TestConsole(dir.resolve("console"), c -> c.withPosture(Optional.of(HardenFixture.source(List.of(logs)))))) {
            HttpResponse<String> r = console.get("/api/v1/harden", console.adminToken);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode h = JSON.readTree(r.body());
            assertThat(h.path("schema").asText()).isEqualTo("aitm.api.harden/1");
            assertThat(h.path("plan").path("schema").asText()).isEqualTo("aitm.harden-plan/1");
            assertThat(names(h.path("plan").path("policies"))).isEqualTo(plan.policies().stream().map(p -> p.displayName()).toList());
            assertThat(h.path("plan").path("verification").path("scoreAfter").path("total").asDouble())
                    .isGreaterThan(h.path("plan").path("verification").path("scoreBefore").path("total").asDouble());
            assertThat(h.path("rings")).hasSize(plan.policies().size())
                    .allSatisfy(p -> assertThat(p.path("ring").asText()).as(p.toString()).isIn("pilot", "wider", "enforce", "expand", "null"));
            assertThat(h.path("signIns").path("events").asLong()).isPositive();

            // one gate per ring: the new policies start in the pilot ring, the adopted CA004 is On for all users (expand)
            Map<String, JsonNode> served = new TreeMap<>();
            Map<String, String> rings = new TreeMap<>();
            for (JsonNode g : h.path("gates")) {
                assertThat(g.path("signIns")).isEqualTo(direct.path("signIns"));
                for (JsonNode p : g.path("policies")) {
                    served.put(p.path("displayName").asText(), withoutReason(p));
                    rings.put(p.path("displayName").asText(), g.path("ring").asText());
                }
            }
            Map<String, JsonNode> expected = new TreeMap<>();
            direct.path("policies").forEach(p -> expected.put(p.path("displayName").asText(), withoutReason(p)));
            assertThat(served).as("the same verdicts, counts and blocking rows as the gate command").isEqualTo(expected);
            assertThat(rings).containsEntry("AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps", "pilot");
            h.path("rings").forEach(p -> {
                if (rings.containsKey(p.path("displayName").asText())) {
                    assertThat(p.path("ring").asText()).isEqualTo(rings.get(p.path("displayName").asText()));
                }
            });
            assertThat(served.get("AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps").path("verdict").asText())
                    .as("the legacy Outlook users hold token protection").isEqualTo("hold");
            assertThat(served.get("AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps").path("blocking")).isNotEmpty();
        }
    }

    @Test
    void withoutAPilotGroupOrWithoutAnExportTheRouteSaysWhatToAdd() throws Exception {
        try (TestConsole console = new TestConsole(dir.resolve("a"), c -> c.withPosture(Optional.of(
                new PostureSource(List.of(HardenFixture.EXPORT), Set.of()))))) {
            HttpResponse<String> r = console.get("/api/v1/harden", console.adminToken);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("pilotGroup", "breakGlass");
        }
        try (TestConsole console = new TestConsole(dir.resolve("b"))) {
            HttpResponse<String> r = console.get("/api/v1/harden", console.adminToken);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("posture: {exports:");
        }
        try (TestConsole console = new TestConsole(dir.resolve("c"), c -> c.withPosture(Optional.of(HardenFixture.source(List.of()))))) {
            JsonNode h = JSON.readTree(console.get("/api/v1/harden", console.adminToken).body());
            assertThat(h.path("gates")).isEmpty();
            assertThat(h.path("gateMissing").asText()).contains("signIns");
            assertThat(h.path("plan").path("policies")).isNotEmpty();
        }
    }

    /** The reason names the next ring, which depends on the ring the policy is in; everything else must match. */
    private static JsonNode withoutReason(JsonNode policy) {
        ObjectNode copy = policy.deepCopy();
        copy.remove("reason");
        return copy;
    }

    private static List<String> names(JsonNode policies) {
        List<String> out = new ArrayList<>();
        policies.forEach(p -> out.add(p.path("displayName").asText()));
        return out;
    }
}
