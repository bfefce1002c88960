package io.aitmdefense.report;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.Sighting;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small incident set built from alerts directly: a critical replay-then-persistence for alice from a DigitalOcean
 * address with a hostile user agent, a replay for bob from the same address (one campaign, with dave sighted from
 * it), and a lone impossible-travel for carol.
 */
final class ReportFixtures {
    static final Instant T0 = Instant.parse("2026-11-03T09:00:00Z");
    static final String DO_IP = "203.0.113.10";
    static final String HOSTILE_AGENT = "<script>alert(1)</script> Mozilla";
    static final String HOSTILE_RULE = "<img src=https://evil.example/x.png onerror=alert(2)>";
    static final String ESCAPE_AGENT = "curl/8.0 \033[2J\033[31mpwned";

    private static final AsnDatabase DATABASE = ip -> ip.startsWith("203.0.113.")
            ? Optional.of(new AsnDatabase.AsnRecord(14061, "DIGITALOCEAN-ASN")) : Optional.empty();

    private ReportFixtures() {
    }

    static List<Alert> alerts() {
        return List.of(
                alert("session-replay", "Session cookie or token replayed", Severity.HIGH, KillChainStage.REPLAY,
                        "alice@contoso.com", T0, DO_IP, HOSTILE_AGENT,
                        "Entra session 0a1b was used from " + DO_IP + " (AS14061 DigitalOcean, hosting) by " + HOSTILE_AGENT,
                        new RecordRef("logs/SigninLogs.json", 42, 0, "", RecordIdKind.NONE), "first use of the session"),
                alert("signin-then-persistence", "Persistence after a suspicious sign-in", Severity.HIGH,
                        KillChainStage.PERSISTENCE, "alice@contoso.com", T0.plusSeconds(1200), DO_IP, HOSTILE_AGENT,
                        "Inbox rule " + HOSTILE_RULE + " moves mail to RSS Feeds 20 min after the replay",
                        new RecordRef("logs/AuditLogs.csv", 7, 0, "", RecordIdKind.NONE), "New-InboxRule " + HOSTILE_RULE),
                alert("session-replay", "Session cookie or token replayed", Severity.HIGH, KillChainStage.REPLAY,
                        "bob@contoso.com", T0.plusSeconds(3600), DO_IP, "python-requests/2.31",
                        "Entra session 9f9f was replayed from " + DO_IP, new RecordRef("logs/SigninLogs.json", 99, 0, "", RecordIdKind.NONE), "replay"),
                alert("impossible-travel", "Impossible travel", Severity.LOW, KillChainStage.REPLAY,
                        "carol@contoso.com", T0.minusSeconds(3600), "198.51.100.20", ESCAPE_AGENT,
                        "Sign-ins 6000 km apart within 1 h, the second by " + ESCAPE_AGENT, new RecordRef("logs/SigninLogs.json", 120, 0, "", RecordIdKind.NONE), "interactive sign-in"));
    }

    static IncidentSet incidents() {
        IncidentBuilder builder = new IncidentBuilder(DetectConfig.defaults(), new CuratedEnrichment(TenantContext.EMPTY, DATABASE));
        return builder.build(alerts(), List.of(new Sighting("dave@contoso.com", DO_IP, T0.plusSeconds(7200), "MailItemsAccessed")));
    }

    static RunSummary run() {
        return new RunSummary(List.of("logs/SigninLogs.json", "logs/AuditLogs.csv"), 1234, 2, 1,
                Optional.of(new RunSummary.LogSpan(T0.minusSeconds(86_400), T0.plusSeconds(86_400))),
                List.of(new RunSummary.UnreadableFile("logs/query.csv", "no time column")), Instant.parse("2026-12-02T05:00:00Z"), "0.1.0-test");
    }

    private static Alert alert(String id, String title, Severity severity, KillChainStage stage, String user,
                               Instant at, String ip, String agent, String explanation, RecordRef source, String evidence) {
        return new Alert(Alert.idOf("", id, user, source.location()), "", user, user, id, title, severity, 0.8, at, at.plusSeconds(60), stage, List.of("T1539"), explanation,
                new Alert.Infrastructure(List.of(ip), List.of(), List.of(agent), List.of()), List.of(),
                List.of(new Evidence(source, EventKind.SIGN_IN, at, evidence)));
    }
}
