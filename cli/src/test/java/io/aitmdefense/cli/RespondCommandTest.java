package io.aitmdefense.cli;

import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.report.RunSummary;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RespondCommandTest {
    @TempDir
    Path dir;
    LocalTenant tenant;
    String incidents;
    String config;
    String audit;

    @BeforeEach
    void setUp() throws Exception {
        tenant = new LocalTenant(Clock.systemUTC());
        Contoso.seed(tenant);
        Path file = dir.resolve("out/incidents.json");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            IncidentsJson.write(Contoso.incidents(), new RunSummary(List.of("examples/tenant-contoso/logs"), 3489, 0, 0,
                    Optional.empty(), List.of(), Instant.parse("2026-01-10T00:00:00Z"), "test"), out);
        }
        incidents = file.toString();
        Files.writeString(dir.resolve("token.txt"), Contoso.TOKEN);
        Path yaml = dir.resolve("tenant.yaml");
        Files.writeString(yaml, """
                tenant:
                  breakGlass: [glass@contoso.example]
                microsoft:
                  tenantId: %s
                  clientId: 11111111-2222-3333-4444-555555555555
                  accessTokenFile: token.txt
                  endpoints: {login: %s, graph: %s, exchange: %s}
                """.formatted(Contoso.TENANT, tenant.url(), tenant.url(), tenant.url()));
        config = yaml.toString();
        audit = dir.resolve("ir/audit.jsonl").toString();
    }

    @AfterEach
    void tearDown() {
        tenant.close();
    }

    @Test
    void planPrintsTheOrderedStepsOfTheIncidentAndWritesTheContainFiles() {
        CommandRun r = CommandRun.aitm("respond", "plan", "inc-7d1f0c2a9b3e", "--incidents", incidents,
                "--out", dir.resolve("contain").toString());
        assertThat(r.status()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("Containment plan for incident inc-7d1f0c2a9b3e — lukas.vance@contoso.example")
                .contains("disable").contains("Remove the attacker's inbox rule \" \"")
                .contains("evidence: 0620b8e3-c867-43be-bfaf-4cbafd91c5eb").contains("Nothing has been changed");
        assertThat(dir.resolve("contain")).isDirectoryContaining("glob:**/plan.json").isDirectoryContaining("glob:**/contain.ps1")
                .isDirectoryContaining("glob:**/iocs.stix.json").isDirectoryContaining("glob:**/named-location.json")
                .isDirectoryContaining("glob:**/commands.md").isDirectoryContaining("glob:**/iocs.csv");
        assertThat(tenant.requests()).isEmpty();
    }

    @Test
    void planAcceptsTheUsersNameAndPrintsJson() {
        CommandRun r = CommandRun.aitm("respond", "plan", "LUKAS.VANCE@contoso.example", "--incidents", incidents,
                "--config", config, "--json");
        assertThat(r.status()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("\"schema\" : \"aitm.plan/1\"").contains("\"check\" : \"privileged\"");
        assertThat(tenant.writes()).isEmpty();
    }

    @Test
    void anUnknownIncidentNamesTheOnesThereAre() {
        CommandRun r = CommandRun.aitm("respond", "plan", "inc-nope", "--incidents", incidents);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("No incident 'inc-nope'").contains("inc-7d1f0c2a9b3e (lukas.vance@contoso.example)");
    }

    @Test
    void runWithoutApprovalIsADryRunThatWritesNothingToTheTenant() {
        CommandRun r = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit);
        assertThat(r.status()).as(r.err()).isEqualTo(0);
        assertThat(tenant.requests()).isNotEmpty();
        assertThat(tenant.writes()).isEmpty();
        assertThat(r.out()).startsWith("Dry run").contains("pending approval").contains("change: accountEnabled: true → false")
                .contains("Evidence: ");
    }

    @Test
    void runWithNamedStepsWritesOnlyThoseAndTheAuditCommandVerifiesTheTrailUntilALineIsEdited() throws Exception {
        tenant.fail("PATCH", "/v1.0/users/", 429, "TooManyRequests", "0.01", 1);
        CommandRun r = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit, "--approve=disable,rule", "--actor", "analyst:jdoe");
        assertThat(r.status()).as(r.err() + r.out()).isEqualTo(0);
        assertThat(tenant.writes()).extracting(LocalTenant.Request::method).containsExactly("PATCH", "PATCH", "DELETE");
        assertThat(r.out()).contains("verified         disable").contains("verified         rule");
        assertThat(Files.readString(Path.of(audit))).contains("\"event\":\"attempt\"").contains("\"status\":429")
                .contains("attempt 1 TooManyRequests, retried after 0.01 s");

        CommandRun ok = CommandRun.aitm("respond", "audit", audit);
        assertThat(ok.status()).isEqualTo(0);
        assertThat(ok.out()).contains("chain intact").contains("analyst:jdoe").contains("DELETE /v1.0/users/lukas.vance@contoso.example");

        Path file = Path.of(audit);
        List<String> lines = Files.readAllLines(file);
        lines.set(3, lines.get(3).replace("\"outcome\":\"", "\"outcome\":\"x"));
        Files.write(file, lines);
        CommandRun broken = CommandRun.aitm("respond", "audit", audit);
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.out()).contains("CHAIN BROKEN at " + audit + ":4");

        CommandRun refused = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit);
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains(":4: the audit trail is broken");
    }

    @Test
    void anApproveNamingAStepThePlanDoesNotHaveIsAUsageError() {
        CommandRun r = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit, "--approve=disable,forwarding");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("No step 'forwarding' in this plan");
        assertThat(tenant.writes()).isEmpty();
    }

    @Test
    void noSecretReachesAnyOutputAndTheReportSaysWhatWasDone() throws Exception {
        CommandRun run = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit, "--approve", "--json");
        assertThat(run.status()).as(run.err()).isEqualTo(0);
        String password = tenant.writes().stream().filter(w -> w.body().contains("passwordProfile")).findFirst().orElseThrow()
                .body().replaceAll(".*\"password\":\"([^\"]+)\".*", "$1");
        assertThat(password).hasSizeGreaterThan(16);
        CommandRun report = CommandRun.aitm("respond", "report", "inc-7d1f0c2a9b3e", "--incidents", incidents,
                "--audit", audit, "--out", dir.resolve("report").toString());
        assertThat(report.status()).as(report.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("report/remediation.md"))).contains("| verified |");
        for (String text : List.of(run.out(), run.err(), report.out(), report.err())) {
            assertThat(text).doesNotContain(Contoso.TOKEN).doesNotContain(password);
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.endsWith("token.txt")).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(Contoso.TOKEN).doesNotContain(password);
            }
        }
    }

    @Test
    void autoRunsTheReversibleStepsWhenTheTenantOptsInAndWaitsOtherwise() throws Exception {
        CommandRun off = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit, "--auto");
        assertThat(off.status()).as(off.err()).isEqualTo(0);
        assertThat(off.out()).contains("No automatic containment: automatic containment is off");
        assertThat(tenant.writes()).isEmpty();

        Files.writeString(Path.of(config), Files.readString(Path.of(config))
                + "respond:\n  auto:\n    detections: [signin-then-persistence]\n    minConfidence: 0.9\n");
        CommandRun on = CommandRun.aitm("respond", "run", "inc-7d1f0c2a9b3e", "--incidents", incidents, "--config", config,
                "--audit", audit, "--auto");
        assertThat(on.status()).as(on.err()).isEqualTo(0);
        assertThat(on.out()).contains("Automatic containment: detections [signin-then-persistence]")
                .contains("verified         disable").contains("verified         rule").contains("pending approval method");
        assertThat(tenant.writes()).extracting(LocalTenant.Request::method).containsExactly("PATCH", "POST", "POST", "DELETE");
        assertThat(Files.readString(Path.of(audit))).contains("\"actor\":\"policy:respond.auto\"").contains("auto-approved");
    }
}
