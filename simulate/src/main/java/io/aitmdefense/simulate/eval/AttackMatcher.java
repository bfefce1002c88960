package io.aitmdefense.simulate.eval;

import io.aitmdefense.model.Alert;
import io.aitmdefense.events.Source;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.incident.Incident;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which alerts and incidents are about a real attack. An incident is a true positive when its user is a
 * victim and its span overlaps the victim's attack span widened by the incident window. An alert is a true positive
 * when its user is a victim and either its evidence points at one of the victim's attacker records, or its span
 * overlaps the (widened) attack span and it names one of the campaign's attacker addresses.
 */
public final class AttackMatcher {
    private final Map<String, List<VictimCase>> byUser;
    private final RecordLocator records;
    private final Duration window;

    public AttackMatcher(Map<String, List<VictimCase>> byUser, RecordLocator records, Duration window) {
        this.byUser = Map.copyOf(byUser);
        this.records = records;
        this.window = window;
    }

    /** The victim case this incident is about, if any. */
    public Optional<VictimCase> incidentCase(Incident incident) {
        return cases(incident.user()).stream()
                .filter(c -> c.overlaps(incident.start(), incident.end(), window))
                .findFirst();
    }

    /** The victim case this alert is about, if any. */
    public Optional<VictimCase> alertCase(Alert alert) {
        for (VictimCase c : cases(alert.user())) {
            if (referencesRecordOf(alert, c)) return Optional.of(c);
        }
        return cases(alert.user()).stream()
                .filter(c -> c.overlaps(alert.start(), alert.end(), window) && c.sharesAddress(alert.infrastructure().ips()))
                .findFirst();
    }

    private boolean referencesRecordOf(Alert alert, VictimCase c) {
        for (Evidence e : alert.evidence()) {
            // evidence names its record's id; the locator covers records read before ids were kept
            if (c.eventIds().contains(e.record().recordId())) return true;
            Optional<String> id = records.recordAt(new Source(e.record().file(), e.record().line(), e.record().index()));
            if (id.isPresent() && c.eventIds().contains(id.get())) return true;
        }
        return false;
    }

    private List<VictimCase> cases(String user) {
        return byUser.getOrDefault(user.toLowerCase(java.util.Locale.ROOT), List.of());
    }
}
