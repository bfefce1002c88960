package io.aitmdefense.server.console;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.incident.IncidentBuilder;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.store.IncidentRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Incidents built from alerts the way the engine builds them, with attacker-controlled text where logs carry it: a
 * display name holding a script, an inbox rule named with an {@code <img onerror>}, an app named with markup.
 * Mallory's alerts are given out of time order (persistence first) and two of them share a minute on one lane.
 */
final class ConsoleFixtures {
    static final Instant T0 = Instant.parse("2026-11-03T09:00:00Z");
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String IP = "203.0.113.10";
    static final String HOSTILE_USER = "<script>document.title='pwned'</script>mallory@contoso.example";
    static final String HOSTILE_RULE = "<img src=x onerror=\"document.title='pwned'\">";
    static final String HOSTILE_APP = "<svg onload=alert(1)>Mail Sync";
    static final String FORWARD_TO = "drop@evil.example";

    private static final AsnDatabase ASNS = ip -> ip.startsWith("203.0.113.")
            ? Optional.of(new AsnDatabase.AsnRecord(14061, "DIGITALOCEAN-ASN")) : Optional.empty();

    private ConsoleFixtures() {
    }

    static IncidentSet incidents() {
        Artifact rule = new Artifact.InboxRule("New-InboxRule", HOSTILE_RULE, true, "invoice", List.of(FORWARD_TO), List.of(),
                List.of(), true, true, "RSS Feeds", true, HOSTILE_USER, "rule-42");
        Artifact app = new Artifact.AppConsent("0c6a1f2e-app", HOSTILE_APP, List.of("Mail.Read", "offline_access"), "Principal",
                false, "5f0e-sp", List.of("grant-1"));
        List<Alert> alerts = List.of(
                alert("signin-then-persistence", "Persistence after a suspicious sign-in", Severity.HIGH, KillChainStage.PERSISTENCE,
                        HOSTILE_USER, T0.plusSeconds(1200), List.of(rule), 7, "New-InboxRule " + HOSTILE_RULE),
                alert("session-replay", "Session cookie or token replayed", Severity.HIGH, KillChainStage.REPLAY,
                        HOSTILE_USER, T0, List.of(), 42, "first use of the stolen session"),
                alert("consent-after-signin", "Consent after a suspicious sign-in", Severity.MEDIUM, KillChainStage.PERSISTENCE,
                        HOSTILE_USER, T0.plusSeconds(1210), List.of(app), 8, "Consent to " + HOSTILE_APP),
                alert("session-replay", "Session cookie or token replayed", Severity.HIGH, KillChainStage.REPLAY,
                        "bob@contoso.example", T0.plusSeconds(3600), List.of(), 99, "replay"));
        return new IncidentBuilder(DetectConfig.defaults(), new CuratedEnrichment(TenantContext.EMPTY, ASNS)).build(alerts);
    }

    /** The incidents as the store keeps them. */
    static List<QueueEntry> entries() {
        return incidents().incidents().stream().map(i -> QueueEntry.of(new IncidentRow(i.id(), i.tenant(), i.userKey(), i.user(),
                i.severity().label(), "open", i.start(), i.end(), i.end(), 1, IncidentsJson.incidentText(i)))).toList();
    }

    private static Alert alert(String detection, String title, Severity severity, KillChainStage stage, String user,
                               Instant at, List<Artifact> artifacts, long line, String summary) {
        RecordRef ref = new RecordRef("logs/audit.json", line, 0, "rec-" + line, RecordIdKind.UNIFIED_AUDIT_ID);
        return new Alert(Alert.idOf(TENANT, detection, user, ref.recordId()), TENANT, user, user, detection, title, severity, 0.8,
                at, at.plusSeconds(60), stage, List.of("T1539"), "Seen from " + IP + " by " + user,
                new Alert.Infrastructure(List.of(IP), List.of(), List.of("python-requests/2.31"), List.of()), artifacts,
                List.of(new Evidence(ref, EventKind.SIGN_IN, at, summary)));
    }
}
