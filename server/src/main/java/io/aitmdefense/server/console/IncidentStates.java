package io.aitmdefense.server.console;

import java.util.List;

/** The states an analyst moves an incident through, in the order the queue sorts them. */
final class IncidentStates {
    static final List<String> ALL = List.of("open", "acknowledged", "false-positive", "closed");

    private IncidentStates() {
    }
}
