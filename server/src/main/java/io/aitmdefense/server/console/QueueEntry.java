package io.aitmdefense.server.console;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.store.IncidentRow;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A stored incident with its body read back into the model, which the queue filters, searches and shows. */
record QueueEntry(IncidentRow row, Incident incident) {
    static QueueEntry of(IncidentRow row) {
        try {
            return new QueueEntry(row, IncidentsJson.readIncident(row.body(), "stored incident " + row.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
