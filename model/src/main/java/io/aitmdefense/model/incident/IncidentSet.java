package io.aitmdefense.model.incident;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of grouping: incidents ordered by severity (highest first) then time, the campaigns linking them, and
 * the notices — low-severity alerts of users who have no incident (an admin's planned-looking policy change, a lone
 * impossible-travel): worth a look, never an incident on their own.
 */
public record IncidentSet(List<Incident> incidents, List<Campaign> campaigns, List<Alert> notices) {
    public static final IncidentSet EMPTY = new IncidentSet(List.of(), List.of());

    public IncidentSet(List<Incident> incidents, List<Campaign> campaigns) {
        this(incidents, campaigns, List.of());
    }

    public IncidentSet withNotices(List<Alert> alerts) {
        return new IncidentSet(incidents, campaigns, List.copyOf(alerts));
    }

    /** Most severe first, then earliest, then by id so that equal incidents have one order. */
    public static final Comparator<Incident> ORDER = Comparator.comparing(Incident::severity).reversed()
            .thenComparing(Incident::start).thenComparing(Incident::id);

    /** Every alert of every incident, in time order. */
    public List<Alert> alerts() {
        List<Alert> all = new ArrayList<>();
        incidents.forEach(i -> all.addAll(i.alerts()));
        all.sort(Comparator.comparing(Alert::start).thenComparing(Alert::user).thenComparing(Alert::detectionId));
        return all;
    }

    /** How many incidents there are of each severity, most severe first; severities without incidents count 0. */
    public Map<Severity, Integer> incidentsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) counts.put(s, 0);
        incidents.forEach(i -> counts.merge(i.severity(), 1, Integer::sum));
        return counts;
    }

    /** How many alerts each detection raised, by detection id. */
    public Map<String, Integer> alertsByDetection() {
        Map<String, Integer> counts = new TreeMap<>();
        incidents.forEach(i -> i.alerts().forEach(a -> counts.merge(a.detectionId(), 1, Integer::sum)));
        return counts;
    }
}
