package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Severity and confidence of a group of alerts. Severity rises when the kill chain chains: getting in (initial access
 * through replay) followed by what an attacker does once in (persistence onwards) is a compromise, whatever each alert
 * says alone. Weak alerts (low or info, such as impossible travel) never raise severity; they only add confidence.
 */
final class IncidentScore {
    private static final Set<KillChainStage> ACCESS = EnumSet.range(KillChainStage.INITIAL_ACCESS, KillChainStage.REPLAY);
    private static final Set<KillChainStage> FOLLOW_ON = EnumSet.range(KillChainStage.PERSISTENCE, KillChainStage.IMPACT);

    /**
     * Detections whose medium alert says only that a session or token was reused from a network new to the user: from
     * a residential or mobile network, alone, that is a traveller or a new ISP as often as a residential proxy.
     */
    private static final Set<String> REUSE_SIGNALS = Set.of("token-without-mfa", "client-mismatch");

    private IncidentScore() {
    }

    /**
     * One medium signal alone — a session reused from a new residential or mobile network, with no other alert before
     * or after it: a notice, not an incident. Any second alert, a hosting or VPN address, or a higher severity makes
     * the group an incident.
     */
    static boolean loneReuse(List<Alert> alerts, Enrichment enrichment) {
        if (alerts.size() != 1) return false;
        Alert a = alerts.get(0);
        if (a.severity() != Severity.MEDIUM || a.stage() != KillChainStage.REPLAY || !REUSE_SIGNALS.contains(a.detectionId())) return false;
        Alert.Infrastructure in = a.infrastructure();
        if (in.ips().isEmpty()) return false;
        int loggedAsn = in.ips().size() == 1 && in.asns().size() == 1 ? in.asns().get(0) : 0;
        for (String ip : in.ips()) {
            NetworkKind kind = enrichment.network(ip, loggedAsn).kind();
            if (kind != NetworkKind.OTHER && kind != NetworkKind.MOBILE) return false;
        }
        return true;
    }

    static Severity severity(List<Alert> alerts) {
        Severity highest = Severity.INFO;
        boolean access = false, followOn = false;
        Set<String> strongDetections = new HashSet<>();
        for (Alert a : alerts) {
            if (a.severity().compareTo(highest) > 0) highest = a.severity();
            if (!strong(a)) continue;
            strongDetections.add(a.detectionId());
            access |= ACCESS.contains(a.stage());
            followOn |= FOLLOW_ON.contains(a.stage());
        }
        if (access && followOn) return Severity.CRITICAL;
        if (strongDetections.size() >= 2 && highest.compareTo(Severity.HIGH) < 0) return highest.raise();
        return highest;
    }

    /**
     * Independent detections corroborate each other: the chance that all of them are wrong is the product of each
     * being wrong (the best alert per detection counts once, so one noisy detection repeating itself adds nothing).
     */
    static double confidence(List<Alert> alerts) {
        Map<String, Double> best = new HashMap<>();
        for (Alert a : alerts) best.merge(a.detectionId(), clamp(a.confidence()), Math::max);
        double allWrong = 1.0;
        for (double c : best.values()) allWrong *= 1.0 - c;
        return Math.round(Math.min(0.99, 1.0 - allWrong) * 100) / 100.0;
    }

    private static boolean strong(Alert a) {
        return a.severity().compareTo(Severity.MEDIUM) >= 0;
    }

    private static double clamp(double c) {
        return Double.isNaN(c) ? 0 : Math.max(0, Math.min(1, c));
    }
}
