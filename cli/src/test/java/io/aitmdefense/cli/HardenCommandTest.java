package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.simulate.truth.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harden loop as an admin runs it: plan on an export, a simulated tenant running the plan report-only with a
 * known set of failing clients, and the gate finding exactly those.
 */
class HardenCommandTest {

    static final String EXPORT = "harden/src/test/resources/plan/tenant-export.json";
    static final String PILOT = "2d4c8f7a-1b2c-4d5e-8f90-00000000c001";
    static final String BREAK_GLASS = "0b9a1a6e-0000-4000-8000-00000000b001";

    @Test
    void planWritesTheSetAndPrintsTheBeforeAndAfterCheck(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.aitm("harden", "plan", EXPORT, "--pilot-group", PILOT, "--break-glass", BREAK_GLASS,
                "--out", dir.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("create           AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps")
                .contains("change existing  Microsoft-managed: Block device code flow  [Microsoft-managed]")
                .contains("four-control score").contains("promised cells: all enforced")
                .contains("gap: token protection cannot bind browsers");
        JsonNode plan = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
        assertThat(plan.path("schema").asText()).isEqualTo("aitm.harden-plan/1");
        assertThat(plan.path("verification").path("promisesKept").asBoolean()).isTrue();
        assertThat(dir.resolve("powershell/Apply-AitmHarden.ps1")).exists();
        assertThat(dir.resolve("terraform/main.tf")).exists();
    }

    @Test
    void planWithoutBreakGlassIsAUsageError() {
        CommandRun run = CommandRun.aitm("harden", "plan", EXPORT, "--pilot-group", PILOT);
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--break-glass");
    }

    @Test
    void theGateFindsExactlyTheClientsTheSimulatedTenantBreaks(@TempDir Path dir) throws Exception {
        Path planDir = dir.resolve("plan");
        Path sim = dir.resolve("sim");
        Path gateDir = dir.resolve("gate");
        assertThat(Aitm.run("harden", "plan", EXPORT, "--pilot-group", PILOT, "--break-glass", BREAK_GLASS, "--no-verify",
                "--out", planDir.toString())).isZero();
        assertThat(Aitm.run("simulate", "--users", "40", "--days", "8", "--seed", "7", "--campaigns", "2",
                "--harden-plan", planDir.toString(), "--out", sim.toString())).isZero();
        CommandRun gate = CommandRun.aitm("harden", "gate", EXPORT, sim.resolve("logs").toString(), "--plan", planDir.toString(),
                "--out", gateDir.toString());
        assertThat(gate.status()).as(gate.err()).isEqualTo(ExitCodes.FINDINGS);

        ObjectMapper json = new ObjectMapper();
        JsonNode truth = json.readTree(sim.resolve("harden-truth.json").toFile());
        Set<String> legacy = new TreeSet<>();
        truth.path("tokenProtectionFailingUsers").forEach(u -> legacy.add(u.asText()));
        assertThat(legacy).isNotEmpty();
        Set<String> victims = new TreeSet<>();
        GroundTruth.read(sim.resolve("truth.json")).campaigns()
                .forEach(c -> c.victims().forEach(v -> victims.add(v.userPrincipalName().toLowerCase())));
        JsonNode report = json.readTree(gateDir.resolve("gate.json").toFile());
        assertThat(report.path("schema").asText()).isEqualTo("aitm.harden-gate/1");

        JsonNode tp = policy(report, "AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps");
        assertThat(tp.path("verdict").asText()).isEqualTo("hold");
        Set<String> failingUsers = values(tp, "user");
        assertThat(failingUsers).containsAll(legacy);
        assertThat(failingUsers).allMatch(u -> legacy.contains(u) || victims.contains(u), "legacy Outlook users or attack victims");
        assertThat(values(tp, "app")).contains("Microsoft Office");
        assertThat(values(tp, "token protection")).contains("1008 client not using the platform broker");

        JsonNode compliant = policy(report, "AiTM-AllResources-RequireCompliantOrHybridDevice");
        assertThat(compliant.path("verdict").asText()).isEqualTo("hold");
        assertThat(values(compliant, "OS / browser")).contains("Ios 18.1.1 / Mobile Safari").anyMatch(v -> v.startsWith("Android 14"));
        assertThat(values(compliant, "device state")).isSubsetOf("registered, not compliant", "unregistered");
        assertThat(compliant.path("nonInteractive").path("reportOnlyFailure").asLong()).isPositive();

        assertThat(policy(report, "AiTM-AuthContext-c2-TenantConfig-PhishingResistant-EveryTime").path("verdict").asText())
                .isEqualTo("not_measurable");
        String html = Files.readString(gateDir.resolve("gate.html"));
        assertThat(html).contains("Trend per day").contains("<svg").contains("Ios 18.1.1 / Mobile Safari");
        assertThat(gate.out()).contains("hold             AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps");
    }

    @Test
    void anUnknownRingIsAUsageError() {
        CommandRun run = CommandRun.aitm("harden", "gate", EXPORT, EXPORT, "--ring", "everyone");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--ring must be pilot, wider, enforce or expand");
    }

    @Test
    void applyIsADryRunAgainstAFreshExportAndDriftNamesTheMissingPolicies(@TempDir Path dir) throws Exception {
        Path planDir = dir.resolve("plan");
        assertThat(Aitm.run("harden", "plan", EXPORT, "--pilot-group", PILOT, "--break-glass", BREAK_GLASS, "--no-verify",
                "--out", planDir.toString())).isZero();
        CommandRun apply = CommandRun.aitm("harden", "apply", planDir.toString(), "--live", EXPORT);
        assertThat(apply.status()).as(apply.err()).isZero();
        assertThat(apply.out()).startsWith("Dry run of").contains("8 write(s); run again with --approve")
                .contains("waiting    9 PATCH beta bind 7 CA and named-location permissions to c2");
        assertThat(planDir.resolve("audit")).doesNotExist();

        CommandRun approve = CommandRun.aitm("harden", "apply", planDir.toString(), "--live", EXPORT, "--approve");
        assertThat(approve.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(approve.err()).contains("--live is an export and read-only");

        Path tenantYaml = Files.writeString(dir.resolve("tenant.yaml"), "tenant:\n  breakGlass: []\n");
        CommandRun graph = CommandRun.aitm("harden", "apply", planDir.toString(), "--config", tenantYaml.toString());
        assertThat(graph.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(graph.err()).contains("no microsoft: section");

        CommandRun drift = CommandRun.aitm("harden", "drift", planDir.toString(), "--live", EXPORT);
        assertThat(drift.status()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(drift.out()).contains("AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps  [weakens protection]")
                .contains("missing from the tenant");
    }

    private static JsonNode policy(JsonNode report, String name) {
        for (JsonNode p : report.path("policies")) if (p.path("displayName").asText().equals(name)) return p;
        throw new AssertionError("no " + name + " in the gate report");
    }

    private static Set<String> values(JsonNode policy, String dimension) {
        Set<String> out = new TreeSet<>();
        for (JsonNode b : policy.path("blocking")) {
            if (b.path("dimension").asText().equals(dimension) && b.path("failures").asLong() > 0) out.add(b.path("value").asText());
        }
        return out;
    }
}
