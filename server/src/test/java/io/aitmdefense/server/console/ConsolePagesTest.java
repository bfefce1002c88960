package io.aitmdefense.server.console;

import io.aitmdefense.model.incident.Incident;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages as HTML, without a browser: escaping, triage, the timeline's order and lanes, the queue's filters. */
class ConsolePagesTest {
    static final Viewer RESPONDER = new Viewer("admin", "admin", true, "csrf-123");
    static final Viewer VIEWER = new Viewer("ann", "viewer", false, "csrf-456");

    @Test
    void attackerControlledNamesAreEscapedOnEveryPage() {
        List<QueueEntry> all = ConsoleFixtures.entries();
        String queue = QueuePage.render(RESPONDER, QueueQuery.of(k -> null), all, Map.of(), List.of(ConsoleFixtures.TENANT));
        String incident = IncidentPage.render(RESPONDER, detail(mallory(all)), List.of());
        for (String page : List.of(queue, incident)) {
            assertThat(page).doesNotContain("<script>document", "<img src=x", "<svg onload")
                    .doesNotContain(" style=\"").doesNotContain("<script>");
        }
        assertThat(queue).contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;mallory@contoso.example");
        assertThat(incident).contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;", "&lt;svg onload=alert(1)&gt;Mail Sync");
    }

    @Test
    void triageNamesWhatToContainFromTheArtifacts() {
        String page = IncidentPage.render(RESPONDER, detail(mallory(ConsoleFixtures.entries())), List.of());
        String triage = page.substring(page.indexOf("<section id=\"triage\""), page.indexOf("</section>", page.indexOf("<section id=\"triage\"")));
        assertThat(triage).contains("data-ip=\"203.0.113.10\"", "AS14061", "data-forward=\"drop@evil.example\"",
                "data-app=\"0c6a1f2e-app\"", "service principal 5f0e-sp", "rule id rule-42");
        assertThat(page.indexOf("id=\"triage\"")).as("triage comes first").isLessThan(page.indexOf("id=\"timeline\""));
    }

    @Test
    void theTimelinePlacesEachStepOnItsLaneInTimeOrderWithoutOverlap() {
        Incident mallory = mallory(ConsoleFixtures.entries()).incident();
        String page = IncidentPage.render(RESPONDER, detail(mallory(ConsoleFixtures.entries())), List.of());
        List<String[]> points = all(page, "<g class=\"point [^\"]+\" data-step=\"(\\d+)\" data-time=\"([^\"]+)\" data-lane=\"([^\"]+)\">"
                + "<title>[^<]*</title><circle cx=\"([\\d.]+)\" cy=\"(\\d+)\"");
        assertThat(points).hasSize(mallory.alerts().size());
        assertThat(points.stream().map(p -> p[2]).toList()).containsExactly("replay", "persistence", "persistence");
        for (int k = 1; k < points.size(); k++) {
            assertThat(Instant.parse(points.get(k)[1])).isAfterOrEqualTo(Instant.parse(points.get(k - 1)[1]));
            assertThat(Double.parseDouble(points.get(k)[3])).isGreaterThan(Double.parseDouble(points.get(k - 1)[3]));
            if (points.get(k)[4].equals(points.get(k - 1)[4])) {
                assertThat(Double.parseDouble(points.get(k)[3]) - Double.parseDouble(points.get(k - 1)[3]))
                        .as("two points on one lane do not touch").isGreaterThanOrEqualTo(AttackTimeline.GAP);
            }
        }
        List<String[]> steps = all(page, "<li class=\"step\" data-step=\"(\\d+)\" data-time=\"([^\"]+)\"");
        assertThat(steps.stream().map(s -> s[1]).toList()).isSorted();
        assertThat(page).contains("<details class=\"record\">").doesNotContain("<details class=\"record\" open");
    }

    @Test
    void theQueueFiltersSearchesSortsAndCounts() {
        List<QueueEntry> all = ConsoleFixtures.entries();
        QueueQuery bySearch = QueueQuery.of(Map.of("q", "bob@")::get);
        assertThat(bySearch.apply(all)).extracting(e -> e.incident().user()).containsExactly("bob@contoso.example");
        QueueQuery byDetection = QueueQuery.of(Map.of("detection", "consent-after-signin")::get);
        assertThat(byDetection.apply(all)).extracting(e -> e.incident().user()).containsExactly(ConsoleFixtures.HOSTILE_USER);
        QueueQuery byUser = QueueQuery.of(Map.of("sort", "user")::get);
        assertThat(byUser.apply(all)).extracting(e -> e.incident().user())
                .containsExactly(ConsoleFixtures.HOSTILE_USER, "bob@contoso.example");
        QueueQuery highOnly = QueueQuery.of(Map.of("severity", "critical")::get);
        QueueQuery.Counts counts = highOnly.counts(all);
        assertThat(counts.bySeverity().values().stream().mapToInt(Integer::intValue).sum())
                .as("counts ignore the severity filter itself").isEqualTo(2);
        assertThat(counts.byStatus()).containsEntry("open", 2);
        assertThat(highOnly.with("status", "open")).isEqualTo("/?severity=critical&status=open");
    }

    @Test
    void aViewerSeesNoButtonsAndEveryPageCarriesTheCsrfToken() {
        IncidentDetail d = detail(mallory(ConsoleFixtures.entries()));
        assertThat(IncidentPage.render(VIEWER, d, List.of())).doesNotContain("id=\"acknowledge\"", "id=\"false-positive\"")
                .contains("<meta name=\"csrf-token\" content=\"csrf-456\">");
        assertThat(IncidentPage.render(RESPONDER, d, List.of())).contains("id=\"acknowledge\"", "id=\"false-positive\"");
        assertThat(LoginPage.localPath("//evil.example/x")).isEqualTo("/");
        assertThat(LoginPage.localPath("/incidents/in-1")).isEqualTo("/incidents/in-1");
    }

    @Test
    void thePlanShowsEachStepsStateAndOnlyAResponderMayApproveOrRun() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"schema":"aitm.service-plan/1","plan":{"refused":false,"preflight":[],"warnings":["<b>w</b>"],"steps":[
                  {"id":"revoke","kind":"revoke-sessions","title":"Revoke sign-in sessions","request":"POST /v1.0/users/x/revokeSignInSessions",
                   "permission":"User.RevokeSessions.All","reversible":true,"gate":"automatic-or-approval"},
                  {"id":"rule","kind":"remove-inbox-rule","title":"Remove the rule <img src=x onerror=alert(1)>","request":"DELETE …",
                   "permission":"MailboxSettings.ReadWrite","reversible":true,"gate":"automatic-or-approval"},
                  {"id":"disable","kind":"disable-account","title":"Disable the account","request":"PATCH …",
                   "permission":"User.EnableDisableAccount.All","reversible":true,"gate":"approval"}]},
                 "approved":["revoke","rule"],
                 "run":{"steps":[{"id":"revoke","outcome":"verified","message":"read-back: sessions valid from now"}]},
                 "audit":{"chain":"incident:x","entries":3,"intact":true}}""");
        QueueEntry e = mallory(ConsoleFixtures.entries());
        IncidentDetail d = new IncidentDetail(e.row(), e.incident(), new IncidentDetail.State("acknowledged", "ann", ""), List.of(),
                Map.of(), Optional.of(new IncidentDetail.Plan("plan-1", "approved", json)), "", List.of());
        String page = IncidentPage.render(RESPONDER, d, List.of());
        assertThat(all(page, "<tr class=\"plan-step\" data-step-id=\"(\\w+)\"><td>(<input[^>]*>)?</td>.*?<td class=\"step-state\">(.*?)</td>"))
                .extracting(r -> r[0] + " " + (r[1] != null) + " " + r[2])
                .containsExactly("revoke false <b>verified</b>: read-back: sessions valid from now",
                        "rule false approved", "disable true planned (dry run)");
        assertThat(page).contains("data-url=\"/api/v1/plans/plan-1/approve\"", "id=\"run\"", "&lt;img src=x", "&lt;b&gt;w&lt;/b&gt;")
                .contains("entries, intact");
        String viewer = IncidentPage.render(VIEWER, d, List.of());
        assertThat(viewer).doesNotContain("id=\"approve\"", "id=\"run\"", "name=\"step\"").contains("Revoke sign-in sessions");
    }

    static QueueEntry mallory(List<QueueEntry> all) {
        return all.stream().filter(e -> e.incident().user().equals(ConsoleFixtures.HOSTILE_USER)).findFirst().orElseThrow();
    }

    static IncidentDetail detail(QueueEntry e) {
        return new IncidentDetail(e.row(), e.incident(), new IncidentDetail.State("open", "", ""), List.of(), Map.of(),
                Optional.empty(), "No containment in this test.", List.of());
    }

    private static List<String[]> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            String[] g = new String[m.groupCount()];
            for (int k = 0; k < g.length; k++) g[k] = m.group(k + 1);
            out.add(g);
        }
        return out;
    }
}
