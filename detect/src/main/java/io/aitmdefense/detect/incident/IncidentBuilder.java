package io.aitmdefense.detect.incident;

import io.aitmdefense.model.StableId;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerInfrastructure;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.Sighting;
import io.aitmdefense.model.incident.TimelineEntry;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups alerts into incidents: one user's alerts whose gaps are at most the incident window (default 24 h) form one
 * incident, so a slow attack stays one story while a user phished again next month gets a new incident. Then links
 * incidents into campaigns with the {@link CampaignLinker}.
 */
public final class IncidentBuilder {
    private static final Comparator<Alert> TIME_ORDER = Comparator.comparing(Alert::start)
            .thenComparing(Alert::end).thenComparing(Alert::detectionId).thenComparing(Alert::explanation);

    private final Duration window;
    private final Enrichment enrichment;
    private final CampaignLinker linker;

    public IncidentBuilder(DetectConfig config, Enrichment enrichment) {
        this.window = config.incidents().duration("window", Duration.ofHours(24));
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("incidents.window: must be longer than zero, got " + window);
        }
        this.enrichment = enrichment;
        this.linker = new CampaignLinker(config, enrichment);
    }

    /** Incidents and campaigns from these alerts, in any order. */
    public IncidentSet build(List<Alert> alerts) {
        return build(alerts, List.of());
    }

    /** As {@link #build(List)}, with users seen from attacker addresses added to the campaigns' blast radius. */
    public IncidentSet build(List<Alert> alerts, List<Sighting> sightings) {
        List<Incident> incidents = new ArrayList<>();
        List<Alert> notices = new ArrayList<>();
        for (Incident i : group(alerts)) {
            // low alerts only raise the confidence of an incident they join; alone they are notices
            if (i.severity().compareTo(Severity.MEDIUM) >= 0) incidents.add(i);
            else notices.addAll(i.alerts());
        }
        return linker.link(incidents, sightings).withNotices(notices);
    }

    /** Incidents without campaign links, most severe first. */
    public List<Incident> group(List<Alert> alerts) {
        Map<String, List<Alert>> byUser = new TreeMap<>();
        for (Alert a : new LinkedHashSet<>(alerts)) {
            byUser.computeIfAbsent(a.user().toLowerCase(Locale.ROOT), u -> new ArrayList<>()).add(a);
        }
        List<Incident> incidents = new ArrayList<>();
        byUser.forEach((user, userAlerts) -> {
            userAlerts.sort(TIME_ORDER);
            List<Alert> current = new ArrayList<>();
            Instant reach = Instant.MIN;
            for (Alert a : userAlerts) {
                if (!current.isEmpty() && a.start().isAfter(reach.plus(window))) {
                    incidents.add(incident(current));
                    current = new ArrayList<>();
                }
                current.add(a);
                if (current.size() == 1 || a.end().isAfter(reach)) reach = a.end();
            }
            incidents.add(incident(current));
        });
        incidents.sort(IncidentSet.ORDER);
        return incidents;
    }

    private Incident incident(List<Alert> alerts) {
        Alert first = alerts.get(0);
        String user = first.user();
        Instant start = first.start();
        Instant end = alerts.stream().map(Alert::end).max(Comparator.naturalOrder()).orElse(start);
        Set<KillChainStage> stages = EnumSet.noneOf(KillChainStage.class);
        alerts.forEach(a -> stages.add(a.stage()));
        AttackerInfrastructure infra = infrastructure(alerts);
        String id = StableId.of("inc-", user.toLowerCase(Locale.ROOT) + "|" + first.detectionId() + "|" + first.start());
        return new Incident(id, user, IncidentScore.severity(alerts), IncidentScore.confidence(alerts), start, end,
                List.copyOf(stages), alerts.stream().map(TimelineEntry::of).toList(), infra,
                summary(user, stages, infra, alerts), List.copyOf(alerts), BlastRadius.NONE, List.of());
    }

    private AttackerInfrastructure infrastructure(List<Alert> alerts) {
        Map<String, AttackerAddress> addresses = new LinkedHashMap<>();
        Map<Integer, AttackerNetwork> networks = new LinkedHashMap<>();
        Set<String> agents = new LinkedHashSet<>(), sessions = new LinkedHashSet<>();
        for (Alert a : alerts) {
            Alert.Infrastructure in = a.infrastructure();
            // an alert with one address and one ASN says which ASN Entra logged for that address
            int loggedAsn = in.ips().size() == 1 && in.asns().size() == 1 ? in.asns().get(0) : 0;
            for (String ip : in.ips()) {
                if (ip.isBlank() || addresses.containsKey(ip)) continue;
                Network n = enrichment.network(ip, loggedAsn);
                addresses.put(ip, new AttackerAddress(ip, n.asn(), n.owner(), n.kind()));
                if (n.asn() > 0) networks.merge(n.asn(), new AttackerNetwork(n.asn(), n.owner(), n.kind()), IncidentBuilder::betterKnown);
            }
            for (int asn : in.asns()) {
                if (asn <= 0) continue;
                Network n = enrichment.network("", asn);
                networks.merge(asn, new AttackerNetwork(asn, n.owner(), n.kind()), IncidentBuilder::betterKnown);
            }
            in.userAgents().stream().filter(s -> !s.isBlank()).forEach(agents::add);
            in.sessionIds().stream().filter(s -> !s.isBlank()).forEach(sessions::add);
        }
        return new AttackerInfrastructure(List.copyOf(addresses.values()), List.copyOf(networks.values()),
                List.copyOf(agents), List.copyOf(sessions));
    }

    private static AttackerNetwork betterKnown(AttackerNetwork a, AttackerNetwork b) {
        return a.owner().isEmpty() && !b.owner().isEmpty() ? b : a;
    }

    /** {@code replay → persistence for alice@contoso.com from 203.0.113.10 (AS14061 DigitalOcean, hosting) and 1 more; 2 alerts: ...}. */
    private static String summary(String user, Set<KillChainStage> stages, AttackerInfrastructure infra, List<Alert> alerts) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(" → ", stages.stream().map(KillChainStage::label).toList()));
        b.append(" for ").append(user);
        if (!infra.addresses().isEmpty()) {
            b.append(" from ").append(infra.addresses().get(0).describe());
            if (infra.addresses().size() > 1) b.append(" and ").append(infra.addresses().size() - 1).append(" more");
        } else if (!infra.networks().isEmpty()) {
            b.append(" from ").append(infra.networks().get(0).describe());
        }
        Set<String> titles = new LinkedHashSet<>();
        alerts.forEach(a -> titles.add(a.title()));
        b.append("; ").append(alerts.size()).append(alerts.size() == 1 ? " alert: " : " alerts: ").append(String.join(", ", titles));
        return b.toString();
    }
}
