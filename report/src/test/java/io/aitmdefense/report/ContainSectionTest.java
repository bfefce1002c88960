package io.aitmdefense.report;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The "Contain" section: laid out from the plain data it is handed, escaped like every other value, and only when given. */
class ContainSectionTest {
    private final IncidentSet set = ReportFixtures.incidents();
    private final Incident first = set.incidents().get(0);

    private Containment containment() {
        return new Containment(first.id(), "aitm respond plan " + first.id() + " --incidents out/incidents.json",
                List.of(new Containment.Step("disable", "Disable the account", "PATCH /v1.0/users/x {\"accountEnabled\":false}",
                                "--approve, or automatic when the tenant opts in", true),
                        new Containment.Step("rule", "Remove the attacker's inbox rule \"" + ReportFixtures.HOSTILE_RULE + "\"",
                                "DELETE …/messageRules/{id}", "--approve", true)),
                List.of(ReportFixtures.DO_IP + "/32"), "{\"displayName\":\"aitm: attacker addresses\"}",
                List.of(new Containment.Indicator("email-addr", "x@evil.example", "inbox rule forwarded mail here")),
                List.of(new Containment.Commands("Microsoft Graph PowerShell", "powershell",
                        "Update-MgUser -UserId 'x' -AccountEnabled:$false\n"), new Containment.Commands("Azure CLI", "bash", "")),
                List.of("Device DESKTOP-X was registered from the attacker's session"));
    }

    @Test
    void theHtmlReportShowsEachIncidentsPlanIpBlockIndicatorsAndCommandsEscaped() {
        String html = new HtmlReport(List.of(), Map.of(first.id(), containment())).render(set, ReportFixtures.run());
        int at = html.indexOf("<section class=\"contain\" id=\"contain-" + first.id() + "\">");
        assertThat(at).as("the section sits inside the incident's article").isGreaterThan(html.indexOf("<article id=\"" + first.id() + "\""));
        String section = html.substring(at, html.indexOf("</section>", at));
        assertThat(section).contains("<td class=\"mono\">disable</td>", "<td class=\"mono\">rule</td>",
                "aitm respond plan " + first.id() + " --incidents out/incidents.json",
                ReportFixtures.DO_IP + "/32", "x@evil.example", "Update-MgUser -UserId &#39;x&#39; -AccountEnabled:$false",
                "Device DESKTOP-X");
        assertThat(section).doesNotContain(ReportFixtures.HOSTILE_RULE).doesNotContain("<summary>Azure CLI</summary>");
        assertThat(html).contains("<section class=\"contain\"").containsOnlyOnce("<section class=\"contain\"");
    }

    @Test
    void withoutAPlanTheReportHasNoContainSection() {
        String html = new HtmlReport(List.of()).render(set, ReportFixtures.run());
        assertThat(html).doesNotContain("class=\"contain\"");
    }

    @Test
    void theTerminalSummaryListsTheStepsTheBlockAndThePlanCommandAndTheCommandsWhenVerbose() {
        String plain = print(false);
        assertThat(plain).contains("  contain:  Disable the account, Remove the attacker's inbox rule",
                "  block:    " + ReportFixtures.DO_IP + "/32 (untrusted IP named location)",
                "  iocs:     email-addr x@evil.example", "  note:     Device DESKTOP-X",
                "  plan:     aitm respond plan " + first.id()).doesNotContain("Update-MgUser");
        assertThat(print(true)).contains("    # Microsoft Graph PowerShell", "    Update-MgUser -UserId 'x' -AccountEnabled:$false");
    }

    @Test
    void incidentsJsonCarriesThePlanAsAnAdditionItsOwnReaderIgnores(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String text = IncidentsJson.toText(set, ReportFixtures.run(), Map.of(first.id(), containment()));
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        assertThat(root.path("schema").asText()).isEqualTo("aitm.incidents/2");
        var contain = root.path("incidents").get(0).path("contain");
        assertThat(contain.path("planCommand").asText()).startsWith("aitm respond plan " + first.id());
        assertThat(contain.path("steps").findValuesAsText("id")).containsExactly("disable", "rule");
        assertThat(contain.path("steps").get(0).path("reversible").asBoolean(false)).isTrue();
        assertThat(contain.path("blockRanges").get(0).asText()).isEqualTo(ReportFixtures.DO_IP + "/32");
        assertThat(contain.path("indicators").get(0).path("value").asText()).isEqualTo("x@evil.example");
        assertThat(root.path("incidents")).hasSize(set.incidents().size());
        for (int k = 1; k < set.incidents().size(); k++) assertThat(root.path("incidents").get(k).has("contain")).isFalse();

        java.nio.file.Path file = dir.resolve("incidents.json");
        java.nio.file.Files.writeString(file, text);
        assertThat(IncidentsJson.read(file).incidents()).extracting(Incident::id)
                .containsExactlyElementsOf(set.incidents().stream().map(Incident::id).toList());
        assertThat(IncidentsJson.toText(set, ReportFixtures.run())).doesNotContain("\"contain\"");
    }

    private String print(boolean verbose) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TerminalSummary(false, verbose, Map.of(first.id(), containment()))
                .print(set, ReportFixtures.run(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
