package io.aitmdefense.model.incident;

import java.util.Set;

/** What changed in an incident when an alert was merged into it or its campaign grew; {@code incident} is its new state. */
public record IncidentUpdate(Incident incident, Set<Change> changes) {

    public enum Change { CREATED, ALERT_ADDED, SEVERITY_RAISED, STAGE_ADDED, CAMPAIGN_LINKED }

    public IncidentUpdate {
        changes = Set.copyOf(changes);
    }
}
