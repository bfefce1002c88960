package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.audit.AuditHistory;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.contain.CopyPasteCommands;
import io.aitmdefense.respond.contain.Iocs;
import io.aitmdefense.respond.contain.NamedLocation;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.render.RemediationReport;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

class ContainOutputsTest {
    @TempDir
    Path dir;

    @Test
    void theAttackersAddressesBecomeAnUntrustedNamedLocationInGraphsShape() {
        JsonNode n = NamedLocation.of(lukas());
        JsonNode sample = LocalTenant.sample("namedlocation-create.request.json");
        assertThat(n.path("@odata.type").asText()).isEqualTo(sample.path("@odata.type").asText());
        assertThat(n.path("isTrusted").asBoolean(true)).isFalse();
        assertThat(n.path("ipRanges").findValuesAsText("cidrAddress")).containsExactly("146.70.9.211/32", "146.70.186.172/32");
        assertThat(n.path("ipRanges").get(0).path("@odata.type").asText()).isEqualTo("#microsoft.graph.iPv4CidrRange");
    }

    @Test
    void iocsListAddressesForwardTargetsAndTheAppAsCsvAndAStixBundle() {
        String csv = Iocs.csv(lukas());
        assertThat(csv.lines()).first().isEqualTo("type,value,context,first_seen,incident");
        assertThat(csv).contains("ipv4-addr,146.70.9.211,").contains("email-addr," + ATTACKER_MAIL + ",")
                .contains("application," + PDF_VIEWER_APP + ",");
        JsonNode stix = Iocs.stix(lukas(), Instant.parse("2026-01-09T08:00:00Z"));
        assertThat(stix.path("type").asText()).isEqualTo("bundle");
        assertThat(stix.path("id").asText()).startsWith("bundle--");
        List<String> patterns = stix.path("objects").findValuesAsText("pattern");
        assertThat(patterns).containsExactly("[ipv4-addr:value = '146.70.9.211']", "[ipv4-addr:value = '146.70.186.172']",
                "[email-addr:value = '" + ATTACKER_MAIL + "']");
        for (JsonNode o : stix.path("objects")) {
            assertThat(o.path("spec_version").asText()).isEqualTo("2.1");
            assertThat(o.path("id").asText()).matches("[a-z-]+--[0-9a-f-]{36}");
            if (o.path("type").asText().equals("indicator")) {
                assertThat(o.path("valid_from").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(o.path("pattern_type").asText()).isEqualTo("stix");
            }
        }
        assertThat(Iocs.stix(lukas(), Instant.parse("2026-01-09T08:00:00Z"))).isEqualTo(stix);
    }

    @Test
    void aSpreadsheetCannotRunAnIocValueAsAFormula() {
        var f = lukas();
        var evil = new io.aitmdefense.respond.plan.Target.InboxRule(LUKAS, "x", "", List.of("=HYPERLINK(\"http://x\")@evil.example"), List.of());
        var findings = new io.aitmdefense.respond.plan.Findings(f.incidentId(), f.tenant(), f.user(), f.confidence(),
                f.firstActivity(), f.lastActivity(), f.detections(), f.evidence(), List.of(evil), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
        assertThat(Iocs.csv(findings)).contains("\"'=HYPERLINK(\"\"http://x\"\")@evil.example\"");
    }

    @Test
    void copyPasteCommandsCarryTheIncidentsValuesInEachTool() {
        Plan p = new Planner().plan(lukas(), Optional.empty(), PlanOptions.DEFAULT, Instant.parse("2026-01-09T08:00:00Z"));
        String md = CopyPasteCommands.markdown(p);
        assertThat(md).contains("Update-MgUser -UserId '" + LUKAS + "' -AccountEnabled:$false")
                .contains("Revoke-MgUserSignInSession -UserId '" + LUKAS + "'")
                .contains("az rest --method post --url https://graph.microsoft.com/v1.0/users/" + LUKAS + "/revokeSignInSessions")
                .contains("appId eq '" + PDF_VIEWER_APP + "'")
                .contains("Get-InboxRule -Mailbox '" + LUKAS + "' -IncludeHidden");
    }

    @Test
    void theRemediationReportSaysWhatWasFoundDoneByWhomWithAuditHashesAndWhatIsOpen() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            var api = Contoso.api(tenant, false);
            var facts = UserFactsReader.read(api, LUKAS);
            Plan plan = new Planner().plan(lukas(), Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
            try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
                new Runner(api, audit, Clock.systemUTC(), "analyst:jdoe").run(plan, facts,
                        Approval.named(Set.of("disable", "revoke", "rule")), Optional.empty());
            }
            AuditHistory history = AuditHistory.read(dir.resolve("audit.jsonl"));
            RemediationReport report = new RemediationReport(plan, history);
            String md = report.markdown();
            assertThat(md).contains("Inbox rule \" \" in " + LUKAS + " forwarding to " + ATTACKER_MAIL)
                    .contains("analyst:jdoe (--approve=disable,revoke,rule)")
                    .contains("PATCH /v1.0/users/" + LUKAS + " → 204")
                    .contains("## Still open").contains("(`method`)").contains("(`grant`)")
                    .contains("verifies: ").contains(history.check().lastHash());
            assertThat(md).doesNotContain("(`disable`)").doesNotContain("(`rule`)");
            String html = report.html();
            assertThat(html).contains("<td class=\"verified\">verified</td>").doesNotContain("<script");
            String writeHash = history.entries().stream().filter(e -> e.path("event").asText().equals("write"))
                    .findFirst().orElseThrow().path("hash").asText();
            assertThat(html).contains("title=\"" + writeHash + "\"");
        }
    }

    @Test
    void theAuditHistoryShowsTheChainIntactAndPointsAtAnEditedLine() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            var api = Contoso.api(tenant, false);
            var facts = UserFactsReader.read(api, LUKAS);
            Plan plan = new Planner().plan(lukas(), Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
            Path file = dir.resolve("audit.jsonl");
            try (AuditTrail audit = AuditTrail.open(file)) {
                new Runner(api, audit, Clock.systemUTC(), "analyst:jdoe").run(plan, facts, Approval.named(Set.of("disable")), Optional.empty());
            }
            assertThat(AuditHistory.read(file).text()).contains("chain intact").contains("PATCH /v1.0/users/" + LUKAS + " → 204");

            List<String> lines = Files.readAllLines(file);
            int write = 0;
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("\"event\":\"write\"")) write = i;
            lines.set(write, lines.get(write).replace("analyst:jdoe", "analyst:someone-else"));
            Files.write(file, lines);

            AuditHistory broken = AuditHistory.read(file);
            assertThat(broken.check().intact()).isFalse();
            assertThat(broken.check().brokenLine()).isEqualTo(write + 1);
            assertThat(broken.text()).contains("CHAIN BROKEN at " + file + ":" + (write + 1)).doesNotContain("someone-else");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditTrail.open(file))
                    .hasMessageContaining(":" + (write + 1) + ": the audit trail is broken");
        }
    }
}
