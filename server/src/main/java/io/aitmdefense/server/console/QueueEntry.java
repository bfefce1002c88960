package io.aitmdefense.server.console;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.store.IncidentRow;

/** A stored incident with its body read back into the model, which the queue filters, searches and shows. */
record QueueEntry(IncidentRow row, Incident incident) {
    static QueueEntry of(IncidentRow row) {
        return new QueueEntry(row, IncidentsJson.readIncident(row.body()));
    }
}
