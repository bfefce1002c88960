package io.aitmdefense.model.incident;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;

import java.time.Instant;
import java.util.List;

/**
 * One compromised user's alerts within the incident window, laid out along the kill chain.
 * {@code id} is assigned once, when the incident is created, and never changes; the same logs give the same id.
 * {@code tenant} and {@code userKey} are what the incident is keyed by, {@code user} what a person reads;
 * {@code stages} are the distinct stages hit, in kill-chain order; {@code timeline} and {@code alerts} are in time
 * order; {@code start} is the first attacker activity seen. {@code attackerActivity} is what the account did from
 * the attacker's addresses beside the alerts (mail sent, items deleted), filled in once the addresses are known.
 */
public record Incident(String id, String tenant, String userKey, String user, Severity severity, double confidence, Instant start, Instant end,
                       List<KillChainStage> stages, List<TimelineEntry> timeline, AttackerInfrastructure infrastructure,
                       String summary, List<Alert> alerts, BlastRadius blastRadius,
                       List<AttackerActivity> attackerActivity) {

    public Instant firstAttackerActivity() {
        return start;
    }

    public Incident withBlastRadius(BlastRadius radius) {
        return new Incident(id, tenant, userKey, user, severity, confidence, start, end, stages, timeline, infrastructure, summary,
                alerts, radius, attackerActivity);
    }

    public Incident withAttackerActivity(List<AttackerActivity> activity) {
        return new Incident(id, tenant, userKey, user, severity, confidence, start, end, stages, timeline, infrastructure, summary,
                alerts, blastRadius, List.copyOf(activity));
    }
}
