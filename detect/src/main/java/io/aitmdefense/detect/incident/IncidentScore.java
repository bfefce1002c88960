package io.aitmdefense.detect.incident;

import io.aitmdefense.model.Alert;
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

    private IncidentScore() {
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
