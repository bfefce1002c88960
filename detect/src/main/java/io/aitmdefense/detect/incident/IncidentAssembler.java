package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerInfrastructure;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.TimelineEntry;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One user's alerts laid out as an incident: kill-chain stages, timeline, severity and confidence, the attacker
 * infrastructure and a one-line summary. Microsoft's own network (AS8075 refreshing a token for the user) is never
 * attacker infrastructure, whatever an alert's evidence passed through.
 */
final class IncidentAssembler {
    private final Enrichment enrichment;
    private final Function<String, String> countryOf;

    /** {@code countryOf} gives the country the sign-in logs placed an address in, or "". */
    IncidentAssembler(Enrichment enrichment, Function<String, String> countryOf) {
        this.enrichment = enrichment;
        this.countryOf = countryOf;
    }

    /** The incident of these alerts (in time order), under an id assigned when it was first created. */
    Incident assemble(String id, List<Alert> alerts) {
        Alert first = alerts.get(0);
        Instant start = first.start();
        Instant end = alerts.stream().map(Alert::end).max(Comparator.naturalOrder()).orElse(start);
        Set<KillChainStage> stages = EnumSet.noneOf(KillChainStage.class);
        alerts.forEach(a -> stages.add(a.stage()));
        AttackerInfrastructure infra = infrastructure(alerts);
        return new Incident(id, first.tenant(), first.userKey(), first.user(), IncidentScore.severity(alerts),
                IncidentScore.confidence(alerts), start, end, List.copyOf(stages),
                alerts.stream().map(TimelineEntry::of).toList(), infra, summary(first.user(), stages, infra, alerts),
                List.copyOf(alerts), BlastRadius.NONE, List.of());
    }

    /** The alerts' addresses that can be the attacker's: everything but Microsoft's own network. */
    List<String> attackerAddresses(Alert alert) {
        Alert.Infrastructure in = alert.infrastructure();
        int loggedAsn = in.ips().size() == 1 && in.asns().size() == 1 ? in.asns().get(0) : 0;
        return in.ips().stream().map(String::trim).filter(ip -> !ip.isEmpty())
                .filter(ip -> enrichment.network(ip, loggedAsn).kind() != NetworkKind.MICROSOFT).toList();
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
                if (n.kind() == NetworkKind.MICROSOFT) continue;
                addresses.put(ip, new AttackerAddress(ip, n.asn(), n.owner(), n.kind(), countryOf.apply(ip)));
                if (n.asn() > 0) networks.merge(n.asn(), new AttackerNetwork(n.asn(), n.owner(), n.kind()), IncidentAssembler::betterKnown);
            }
            for (int asn : in.asns()) {
                if (asn <= 0) continue;
                Network n = enrichment.network("", asn);
                if (n.kind() == NetworkKind.MICROSOFT) continue;
                networks.merge(asn, new AttackerNetwork(asn, n.owner(), n.kind()), IncidentAssembler::betterKnown);
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
