package io.aitmdefense.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.store.IncidentRow;
import io.aitmdefense.store.IncidentStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the incident page shows, gathered before rendering: the stored row and its incident, the analyst's
 * state, the recorded changes, the incidents of the campaign's other users (user → incident id), the containment
 * plan (absent when the service has no containment, with the reason) and the audit trail, oldest first.
 */
record IncidentDetail(IncidentRow row, Incident incident, State state, List<IncidentStore.IncidentChange> history,
                      Map<String, String> campaignIncidents, Optional<Plan> plan, String planUnavailable,
                      List<JsonNode> audit) {

    /** Status, assignee and the false-positive reason ("" when none). */
    record State(String status, String assignee, String reason) {
    }

    /** A stored containment plan: its id, its status (planned, approved, running, done, failed) and its JSON. */
    record Plan(String id, String status, JsonNode body) {
    }
}
