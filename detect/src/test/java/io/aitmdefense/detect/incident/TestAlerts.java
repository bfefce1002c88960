package io.aitmdefense.detect.incident;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.EventKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alerts built directly, as detections would raise them, for grouping and linking tests. */
final class TestAlerts {
    static final Instant T0 = Instant.parse("2026-11-03T09:00:00Z");
    static final String DO_IP = "203.0.113.10";       // AS14061 DigitalOcean (hosting)
    static final String DO_IP_2 = "203.0.113.77";     // AS14061 too, another droplet
    static final String ISP_IP_A = "73.12.1.5";       // AS7922 Comcast (an ISP: not on the hosting list)
    static final String ISP_IP_B = "73.200.9.9";
    static final String MS_IP = "20.190.1.1";         // AS8075 Microsoft
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String PYTHON = "python-requests/2.31.0";

    /** Comcast and DigitalOcean resolve through the database; Microsoft through the curated list. */
    static final AsnDatabase DATABASE = ip -> {
        if (ip.startsWith("203.0.113.")) return Optional.of(new AsnDatabase.AsnRecord(14061, "DIGITALOCEAN-ASN"));
        if (ip.startsWith("73.")) return Optional.of(new AsnDatabase.AsnRecord(7922, "COMCAST-7922"));
        if (ip.startsWith("20.190.")) return Optional.of(new AsnDatabase.AsnRecord(8075, "MICROSOFT-CORP"));
        return Optional.empty();
    };
    static final Enrichment ENRICHMENT = new CuratedEnrichment(TenantContext.EMPTY, DATABASE);

    private TestAlerts() {
    }

    static Alert alert(String detection, Severity severity, KillChainStage stage, String user, Instant start,
                       Duration length, String ip, String userAgent) {
        return new Alert(Alert.idOf("", detection, user, start + ip), "", user, user, detection, title(detection), severity, 0.7,
                start, start.plus(length), stage,
                List.of("T1078.004"), detection + " for " + user + " from " + ip,
                new Alert.Infrastructure(ip.isEmpty() ? List.of() : List.of(ip), List.of(),
                        userAgent.isEmpty() ? List.of() : List.of(userAgent), List.of()), List.of(),
                List.of(new Evidence(new RecordRef("SigninLogs.json", 42, 0, "", RecordIdKind.NONE), EventKind.SIGN_IN, start, "sign-in from " + ip)));
    }

    static Alert replay(String user, Instant at, String ip) {
        return alert("session-replay", Severity.HIGH, KillChainStage.REPLAY, user, at, Duration.ofMinutes(5), ip, CHROME);
    }

    static Alert persistence(String user, Instant at, String ip) {
        return alert("signin-then-persistence", Severity.HIGH, KillChainStage.PERSISTENCE, user, at, Duration.ZERO, ip, CHROME);
    }

    static Alert travel(String user, Instant at, String ip) {
        return alert("impossible-travel", Severity.LOW, KillChainStage.REPLAY, user, at, Duration.ofMinutes(30), ip, CHROME);
    }

    static Alert hosting(String user, Instant at, String ip, String userAgent) {
        return alert("hosting-ip-signin", Severity.MEDIUM, KillChainStage.REPLAY, user, at, Duration.ZERO, ip, userAgent);
    }

    private static String title(String detection) {
        return switch (detection) {
            case "session-replay" -> "Session cookie or token replayed";
            case "signin-then-persistence" -> "Persistence after a suspicious sign-in";
            case "impossible-travel" -> "Impossible travel";
            case "hosting-ip-signin" -> "Sign-in from a hosting network";
            default -> detection;
        };
    }
}
