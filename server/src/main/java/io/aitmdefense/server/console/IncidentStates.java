package io.aitmdefense.server.console;

import io.aitmdefense.store.Triage;

import java.util.List;

/** The states an analyst moves an incident through, in the order the queue sorts them. */
final class IncidentStates {
    static final List<String> ALL = List.of(Triage.OPEN, Triage.ACKNOWLEDGED, Triage.FALSE_POSITIVE);

    private IncidentStates() {
    }
}
