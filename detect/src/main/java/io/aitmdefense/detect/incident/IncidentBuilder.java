package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.Sighting;

import java.util.List;

/**
 * Incidents from a list of alerts already in hand (a saved report, a test): the {@link IncidentTracker} fed every
 * alert, then its snapshot. A run over logs feeds the tracker as alerts are decided instead.
 */
public final class IncidentBuilder {
    private final DetectConfig config;
    private final Enrichment enrichment;

    public IncidentBuilder(DetectConfig config, Enrichment enrichment) {
        this.config = config;
        this.enrichment = enrichment;
        new IncidentTracker(config, enrichment, u -> { }); // checks the configuration now, not at the first build
    }

    /** Incidents and campaigns from these alerts, in any order. */
    public IncidentSet build(List<Alert> alerts) {
        return build(alerts, List.of());
    }

    /** As {@link #build(List)}, with users seen from attacker addresses added to the campaigns' blast radius. */
    public IncidentSet build(List<Alert> alerts, List<Sighting> sightings) {
        return tracker(alerts, sightings).snapshot();
    }

    /** Incidents without campaign links, the weak ones too, most severe first. */
    public List<Incident> group(List<Alert> alerts) {
        return tracker(alerts, List.of()).groups();
    }

    private IncidentTracker tracker(List<Alert> alerts, List<Sighting> sightings) {
        IncidentTracker tracker = new IncidentTracker(config, enrichment, u -> { });
        sightings.forEach(tracker::sighted);
        // in time order, so that each incident's id comes from its first alert whatever order the list is in
        alerts.stream().sorted(java.util.Comparator.comparing(Alert::start).thenComparing(Alert::id)).forEach(tracker::accept);
        return tracker;
    }
}
