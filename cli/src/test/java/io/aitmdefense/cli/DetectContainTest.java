package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Contain" section of {@code aitm detect} on the bundled example: each of the four victims gets the plan for
 * what the attacker did to that account — the rule, the grant, the method, the forwarding, the addresses — and
 * nothing of what other users did themselves (Lidia's "Payslips to home" forward, Jonas's "Newsletters" rule, the
 * method Lara registered for Jonas as an admin, Diego's own method and device).
 */
class DetectContainTest {
    private static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    private static final String ATTACKER_MAIL = "inv.zc96e2@proton.me";
    private static final String PDF_VIEWER = "861e4684-3008-4f8e-b042-a7d0849982d8";
    private static final List<String> NOT_THE_ATTACKERS = List.of("Payslips to home", "lidiaokafor@gmail.com",
            "Newsletters", "newsletter@news.example.com", "Jonas Cohen", "jonas.cohen", "Diego", "CONTOSO-QUTU4LY",
            "165.225.");

    @TempDir
    static Path tmp;
    private static CommandRun run;
    /** The contain section of report.html and the terminal block of each victim, by UPN. */
    private static final Map<String, String> html = new HashMap<>(), terminal = new HashMap<>();
    private static final Map<String, JsonNode> json = new HashMap<>();

    @BeforeAll
    static void detect() throws Exception {
        Path out = tmp.resolve("out");
        run = aitm("detect", EXAMPLE.resolve("logs").toString(), "--config", EXAMPLE.resolve("tenant.yaml").toString(),
                "--out", out.toString());
        JsonNode incidents = new ObjectMapper().readTree(out.resolve("incidents.json").toFile()).path("incidents");
        String report = Files.readString(out.resolve("report.html"));
        for (JsonNode i : incidents) {
            String id = i.path("id").asText(), user = i.path("user").asText();
            int at = report.indexOf("<section class=\"contain\" id=\"contain-" + id + "\">");
            assertThat(at).as("contain section of " + id).isPositive();
            html.put(user, report.substring(at, report.indexOf("</section>", at)));
            json.put(user, i.path("contain"));
            int t = run.out().indexOf("  " + id + "  ");
            terminal.put(user, run.out().substring(t, run.out().indexOf("\n\n", t)));
        }
    }

    @Test
    void everyVictimOfTheExampleGetsAContainSectionAndNobodyElse() {
        assertThat(html.keySet()).containsExactlyInAnyOrder("lukas.vance@contoso.example", "lara.fischer@contoso.example",
                "sofia.gu@contoso.example", "christie.weber@contoso.example");
        for (var e : html.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).contains("nothing has been sent to the tenant",
                    "aitm respond plan ", "--incidents " + tmp.resolve("out").resolve("incidents.json"),
                    "<td class=\"mono\">disable</td>", "<td class=\"mono\">revoke</td>", "<td class=\"mono\">password</td>", "<td class=\"mono\">block</td>",
                    "146.70.9.211/32", "&quot;isTrusted&quot; : false", "Update-MgUser -UserId &#39;" + e.getKey() + "&#39; -AccountEnabled:$false");
            assertThat(terminal.get(e.getKey())).as(e.getKey()).contains("  contain:  Disable the account, Revoke sign-in sessions",
                    "  block:    ", "146.70.9.211/32", "  plan:     aitm respond plan ");
            for (String other : NOT_THE_ATTACKERS) {
                assertThat(e.getValue()).as(e.getKey() + " html must not name " + other).doesNotContain(other);
                assertThat(terminal.get(e.getKey())).as(e.getKey() + " terminal must not name " + other).doesNotContain(other);
            }
        }
    }

    @Test
    void incidentsJsonCarriesEachVictimsPlanForMachines() {
        assertThat(json.get("lukas.vance@contoso.example").path("steps").findValuesAsText("id")).containsExactly("evidence",
                "disable", "revoke", "confirm", "rule", "method", "grant", "approle", "app", "password", "block", "enable");
        assertThat(json.get("christie.weber@contoso.example").path("steps").findValuesAsText("id")).contains("device");
        assertThat(json.get("sofia.gu@contoso.example").path("blockRanges").toString()).contains("146.70.159.121/32");
        for (var e : json.entrySet()) {
            assertThat(e.getValue().path("planCommand").asText()).as(e.getKey()).startsWith("aitm respond plan inc-");
            for (String other : NOT_THE_ATTACKERS) assertThat(e.getValue().toString()).as(e.getKey()).doesNotContain(other);
        }
    }

    @Test
    void lukasGetsHisAttackersRuleGrantAppAndAuthenticatorMethod() {
        String s = html.get("lukas.vance@contoso.example");
        assertThat(s).contains("<td class=\"mono\">rule</td>", "rule &#39; &#39; forwarding to " + ATTACKER_MAIL,
                "<td class=\"mono\">grant</td>", "<td class=\"mono\">approle</td>", "<td class=\"mono\">app</td>",
                "appId eq &#39;" + PDF_VIEWER + "&#39;", "Remove-MgUserAppRoleAssignment",
                "<td class=\"mono\">method</td>", "Authenticator App with Notification and Code", "146.70.186.172/32",
                "<td class=\"mono\">" + ATTACKER_MAIL + "</td>", "<td class=\"mono\">" + PDF_VIEWER + "</td>");
        assertThat(s).doesNotContain("<td class=\"mono\">forwarding</td>").doesNotContain("<td class=\"mono\">device</td>");
    }

    @Test
    void laraGetsTheMobilePhoneSheRegisteredFromTheAttackersSessionAndNoRuleOrApp() {
        String s = html.get("lara.fischer@contoso.example");
        assertThat(s).contains("<td class=\"mono\">method</td>", "Phone number (mobile)");
        assertThat(s).doesNotContain("<td class=\"mono\">rule</td>", "<td class=\"mono\">grant</td>", ATTACKER_MAIL, PDF_VIEWER);
    }

    @Test
    void sofiaGetsHerRuleAndTheMailboxForwardingAsExchangeScript() {
        String s = html.get("sofia.gu@contoso.example");
        assertThat(s).contains("<td class=\"mono\">rule</td>", "<td class=\"mono\">forwarding</td>", "146.70.159.121/32",
                "Set-Mailbox -Identity &#39;sofia.gu@contoso.example&#39;", ATTACKER_MAIL);
        assertThat(s).doesNotContain("<td class=\"mono\">method</td>", "<td class=\"mono\">grant</td>");
    }

    @Test
    void christieGetsHerRuleTheGrantAndAppAndTheAttackersDevice() {
        String s = html.get("christie.weber@contoso.example");
        assertThat(s).contains("<td class=\"mono\">rule</td>", "<td class=\"mono\">grant</td>", "<td class=\"mono\">app</td>",
                PDF_VIEWER, "<td class=\"mono\">device</td>", "DESKTOP-VLTUBCN",
                "Update-MgDevice -DeviceId &#39;7fc85a36-b263-4947-9c5f-f5c3e2427016&#39; -AccountEnabled:$false");
        assertThat(s).doesNotContain("<td class=\"mono\">method</td>");
    }
}
