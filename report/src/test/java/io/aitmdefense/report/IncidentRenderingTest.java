package io.aitmdefense.report;

import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerInfrastructure;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responder-facing defects of issue 10, on an incident of lukas.vance: a replayed session at 17:54, then an inbox
 * rule at 18:35 whose alert window opens at the 17:54 sign-in, with a consent, an MFA method and a CA change.
 */
class IncidentRenderingTest {
    private static final Pattern STEP = Pattern.compile("<tr class=\"step\"><td>([^<]*)</td>.*?<span class=\"mono\">([^<]*)</span>");

    private final IncidentSet set = withCountry(IncidentsJsonTest.withEveryArtifact(), "NL");
    private final String html = new HtmlReport(List.of()).render(set, ReportFixtures.run());

    @Test
    void eachTimelineRowShowsWhenItsOwnActionHappenedNotTheAlertWindowStart() {
        Incident lukas = set.incidents().get(0);
        assertThat(lukas.alerts()).anySatisfy(a -> assertThat(a.start()).as("the persistence alert's window opens at the sign-in")
                .isEqualTo(a.evidence().get(0).time()).isBefore(a.evidence().get(1).time()));

        Matcher m = STEP.matcher(html);
        StringBuilder rows = new StringBuilder();
        while (m.find()) rows.append(m.group(1)).append(' ').append(m.group(2)).append('\n');

        assertThat(rows.toString()).isEqualTo("""
                2026-01-08 17:54:15Z session-replay
                2026-01-08 18:35:48Z signin-then-persistence
                """);
    }

    @Test
    void theChartShowsOnePointPerStepInTimeOrderAndNoWindowBars() {
        String chart = html.substring(html.indexOf("<svg class=\"timeline\""), html.indexOf("</svg>", html.indexOf("<svg class=\"timeline\"")));
        assertThat(count(chart, "<circle class=\"step\"")).isEqualTo(set.incidents().get(0).alerts().size());
        assertThat(chart).doesNotContain("<rect");
        Matcher x = Pattern.compile("<circle class=\"step\" cx=\"(\\d+)\"").matcher(chart);
        int previous = -1;
        while (x.find()) {
            assertThat(Integer.parseInt(x.group(1))).isGreaterThan(previous);
            previous = Integer.parseInt(x.group(1));
        }
    }

    @Test
    void evidenceIsListedOncePerRecordWithItsRecordIdAndItsIndexInTheLine() {
        // the sign-in is cited by both alerts: one row, naming both detections
        assertThat(count(html, "<tr class=\"evidence\">")).isEqualTo(6);
        String signIn = row(html, "eh/signins.json:1#17");
        assertThat(signIn).contains("7f1c2a44-0d1e-4b5f-9a6b-2c3d4e5f6a7b").contains("session-replay signin-then-persistence")
                .contains("sign-in request id");
        assertThat(row(html, "ual/exchange.json:229")).contains("c9a3a0c2-5bb5-4a4b-9c1a-08dd2f3c4b5e");
        assertThat(html).contains("<details class=\"evidence\"><summary>Evidence: 6 log records</summary>");
    }

    @Test
    void whatTheAttackerChangedIsNamedWithItsIdsBeside() {
        assertThat(row(html, "<tr class=\"artifact\"><td>OAuth consent")).contains("consent to PDF Viewer Online: offline_access Mail.Read")
                .contains("service principal 5f0e8c1a-2b3c-4d5e-6f70-8192a3b4c5d6").contains("grants grant-1, grant-2");
        assertThat(row(html, "<tr class=\"artifact\"><td>CA policy")).contains("Conditional Access policy &#39;CA001-Global-AllApps-RequireMFA&#39;")
                .contains("policy pol-1");
        assertThat(row(html, "<tr class=\"artifact\"><td>inbox rule")).contains("rule without a name in lukas.vance@contoso.example")
                .contains("forwards to inv.zc96e2@proton.me").contains("rule AAMkAGI2TG93AAA=");
        assertThat(row(html, "<tr class=\"artifact\"><td>mailbox forwarding")).contains("lukas.vance@contoso.example forwarded to smtp:out@proton.me");

        String terminal = terminal(true);
        assertThat(terminal).contains("changed:  UpdateInboxRules rule without a name", "consent to PDF Viewer Online");
    }

    @Test
    void attackerAddressesShowTheirCountryInEveryOutput() {
        assertThat(row(html, "<tr class=\"address\"><td>IP address</td><td class=\"mono\">146.70.9.211")).contains("<td>NL</td>");
        assertThat(terminal(false)).contains("attacker: 146.70.9.211 (NL)");
        assertThat(IncidentsCsv.infrastructure(set)).contains("ip,146.70.9.211,9009,M247,hosting,NL,");
    }

    @Test
    void theReportLeadsWithTheIncidentListLinkingEachIncident() {
        int list = html.indexOf("<section id=\"incidents\">");
        assertThat(list).isPositive().isLessThan(html.indexOf("<article id=\"inc-"));
        for (Incident i : set.incidents()) assertThat(html).contains("<a href=\"#" + i.id() + "\">");
        assertThat(html.indexOf("<section id=\"overview\">")).isGreaterThan(html.indexOf("<article id=\"inc-"));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreDefused() {
        assertThat(IncidentsCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(IncidentsCsv.cell("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(IncidentsCsv.cell("plain")).isEqualTo("plain");
    }

    private String terminal(boolean verbose) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TerminalSummary(false, verbose).print(set, ReportFixtures.run(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The table row of the report that contains {@code needle}. */
    private static String row(String html, String needle) {
        int at = html.indexOf(needle);
        assertThat(at).as(needle).isNotNegative();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }

    /** The set with every attacker address placed in {@code country}, as the sign-in logs would place it. */
    private static IncidentSet withCountry(IncidentSet set, String country) {
        List<Incident> incidents = set.incidents().stream().map(i -> {
            AttackerInfrastructure infra = i.infrastructure();
            List<AttackerAddress> addresses = infra.addresses().stream()
                    .map(a -> new AttackerAddress(a.ip(), a.asn(), a.owner(), a.kind(), country)).toList();
            return new Incident(i.id(), i.tenant(), i.userKey(), i.user(), i.severity(), i.confidence(), i.start(), i.end(),
                    i.stages(), i.timeline(), new AttackerInfrastructure(addresses, infra.networks(), infra.userAgents(),
                    infra.sessionIds()), i.summary(), i.alerts(), i.blastRadius(), i.attackerActivity());
        }).toList();
        return new IncidentSet(incidents, set.campaigns(), set.notices());
    }
}
