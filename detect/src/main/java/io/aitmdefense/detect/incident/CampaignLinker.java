package io.aitmdefense.detect.incident;

import io.aitmdefense.model.StableId;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Campaign;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.SharedIndicator;
import io.aitmdefense.model.incident.Sighting;

import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.signals.SignInSignals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the blast radius: incidents of different users that share attacker infrastructure form a campaign when at
 * least {@code incidents.campaignMinUsers} users are involved. Only infrastructure that singles out an attacker links
 * users: an IP address outside the tenant's trusted networks, Microsoft, mobile carriers (CGNAT) and SASE egress; a
 * hosting ASN (never an ISP's, everyone's home network is one); a user agent no ordinary browser or Microsoft client
 * sends; a session id. Sightings of users without incidents join a campaign when they come from one of its IP
 * addresses within the incident window of an incident that used it.
 */
public final class CampaignLinker {
    private static final List<String> COMMON_CLIENTS = List.of("microsoft office", "outlook", "teams", "onedrive",
            "skydrive", "windows-azuread-authentication-provider", "microsoft authentication broker", "mozilla/5.0 (compatible; msal");

    private final int minUsers;
    private final Duration window;
    private final Enrichment enrichment;

    public CampaignLinker(DetectConfig config, Enrichment enrichment) {
        this.minUsers = config.campaignMinUsers();
        if (minUsers < 2) {
            throw new IllegalArgumentException("incidents.campaignMinUsers: a campaign links at least 2 users, got " + minUsers);
        }
        this.window = config.incidentWindow();
        this.enrichment = enrichment;
    }

    /** The incidents, each with its blast radius, and the campaigns, most severe first. */
    public IncidentSet link(List<Incident> incidents, List<Sighting> sightings) {
        Index index = new Index(incidents);
        Components components = new Components(index.incidents.size());
        for (int i = 0; i < index.incidents.size(); i++) {
            for (Indicator ind : indicators(index.incidents.get(i))) index.add(ind, i);
        }
        index.holders.values().forEach(members -> members.forEach(m -> components.union(members.get(0), m)));

        // a sighting joins the component of an incident that used its address around the same time
        Map<Integer, List<Sighting>> sightedByRoot = new HashMap<>();
        for (Sighting s : sightings) {
            String key = "ip:" + s.ip().trim();
            for (int i : index.holders.getOrDefault(key, List.of())) {
                Incident inc = index.incidents.get(i);
                if (inc.user().equalsIgnoreCase(s.user())) continue;
                if (s.time().isBefore(inc.start().minus(window)) || s.time().isAfter(inc.end().plus(window))) continue;
                sightedByRoot.computeIfAbsent(components.root(i), r -> new ArrayList<>()).add(s);
                index.sighted.computeIfAbsent(key, k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)).add(s.user());
                break;
            }
        }

        Map<Integer, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < index.incidents.size(); i++) members.computeIfAbsent(components.root(i), r -> new ArrayList<>()).add(i);

        List<Campaign> campaigns = new ArrayList<>();
        Map<Integer, Campaign> campaignOf = new HashMap<>();
        for (Map.Entry<Integer, List<Integer>> e : members.entrySet()) {
            Set<String> users = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            e.getValue().forEach(i -> users.add(index.incidents.get(i).user()));
            List<Sighting> alsoSeen = alsoSeen(sightedByRoot.getOrDefault(e.getKey(), List.of()), users);
            long sightedUsers = alsoSeen.stream().map(s -> s.user().toLowerCase(Locale.ROOT)).distinct().count();
            if (users.size() + sightedUsers < minUsers) continue;
            Campaign c = campaign(index, e.getValue(), users, alsoSeen);
            campaigns.add(c);
            e.getValue().forEach(i -> campaignOf.put(i, c));
        }
        campaigns.sort(Comparator.comparing(Campaign::severity).reversed().thenComparing(Campaign::firstSeen).thenComparing(Campaign::id));

        List<Incident> linked = new ArrayList<>();
        for (int i = 0; i < index.incidents.size(); i++) {
            Incident inc = index.incidents.get(i);
            Campaign c = campaignOf.get(i);
            if (c == null) {
                linked.add(inc.withBlastRadius(BlastRadius.NONE));
                continue;
            }
            List<String> others = c.users().stream().filter(u -> !u.equalsIgnoreCase(inc.user())).toList();
            List<String> seen = c.alsoSeen().stream().map(Sighting::user).distinct().toList();
            linked.add(inc.withBlastRadius(new BlastRadius(c.id(), others, seen)));
        }
        return new IncidentSet(List.copyOf(linked), List.copyOf(campaigns));
    }

    private static List<Sighting> alsoSeen(List<Sighting> sightings, Set<String> incidentUsers) {
        Map<String, Sighting> firstPerUserAndIp = new TreeMap<>();
        for (Sighting s : sightings) {
            if (incidentUsers.contains(s.user())) continue;
            firstPerUserAndIp.merge(s.user().toLowerCase(Locale.ROOT) + "|" + s.ip(), s,
                    (a, b) -> b.time().isBefore(a.time()) ? b : a);
        }
        List<Sighting> out = new ArrayList<>(firstPerUserAndIp.values());
        out.sort(Comparator.comparing(Sighting::time).thenComparing(Sighting::user));
        return out;
    }

    private static Campaign campaign(Index index, List<Integer> members, Set<String> users, List<Sighting> alsoSeen) {
        Set<Integer> inGroup = new HashSet<>(members);
        List<Incident> group = members.stream().map(index.incidents::get).toList();
        List<SharedIndicator> shared = new ArrayList<>();
        index.holders.forEach((key, holders) -> {
            if (!inGroup.contains(holders.get(0))) return;
            Set<String> holderUsers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            holders.forEach(h -> holderUsers.add(index.incidents.get(h).user()));
            holderUsers.addAll(index.sighted.getOrDefault(key, Set.of()));
            if (holderUsers.size() >= 2) {
                Indicator ind = index.indicators.get(key);
                shared.add(new SharedIndicator(ind.kind(), ind.value(), ind.label(), List.copyOf(holderUsers)));
            }
        });
        shared.sort(Comparator.comparing(SharedIndicator::kind).thenComparing(s -> -s.users().size()).thenComparing(SharedIndicator::value));
        Severity severity = group.stream().map(Incident::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
        Instant first = group.stream().map(Incident::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = group.stream().map(Incident::end).max(Comparator.naturalOrder()).orElseThrow();
        for (Sighting s : alsoSeen) {
            if (s.time().isBefore(first)) first = s.time();
            if (s.time().isAfter(last)) last = s.time();
        }
        String id = StableId.of("cmp-", String.join("|", group.stream().map(Incident::id).sorted().toList()));
        return new Campaign(id, severity, first, last, List.copyOf(users), group.stream().map(Incident::id).toList(),
                List.copyOf(shared), alsoSeen);
    }

    /** {@code key} is kind-prefixed ({@code ip:}, {@code asn:}, {@code ua:}, {@code session:}) so kinds never collide. */
    private record Indicator(SharedIndicator.Kind kind, String key, String value, String label) {
    }

    /** The incidents in output order and, per indicator key, which incidents hold it and which sighted users. */
    private static final class Index {
        final List<Incident> incidents;
        final Map<String, List<Integer>> holders = new LinkedHashMap<>();
        final Map<String, Indicator> indicators = new HashMap<>();
        final Map<String, Set<String>> sighted = new HashMap<>();

        Index(List<Incident> incidents) {
            List<Incident> ordered = new ArrayList<>(incidents);
            ordered.sort(IncidentSet.ORDER);
            this.incidents = ordered;
        }

        void add(Indicator ind, int incident) {
            holders.computeIfAbsent(ind.key(), k -> new ArrayList<>()).add(incident);
            indicators.putIfAbsent(ind.key(), ind);
        }
    }

    private List<Indicator> indicators(Incident inc) {
        Set<Indicator> out = new LinkedHashSet<>();
        for (AttackerAddress a : inc.infrastructure().addresses()) {
            Network n = enrichment.network(a.ip(), a.asn());
            if (linksByAddress(n)) out.add(new Indicator(SharedIndicator.Kind.IP, "ip:" + a.ip().trim(), a.ip().trim(), a.describe()));
        }
        for (AttackerNetwork n : inc.infrastructure().networks()) {
            boolean trusted = enrichment.tenant().trustedAsns().contains(n.asn());
            if (n.kind() == NetworkKind.HOSTING && !trusted) {
                out.add(new Indicator(SharedIndicator.Kind.ASN, "asn:" + n.asn(), String.valueOf(n.asn()), n.describe()));
            }
        }
        for (String ua : inc.infrastructure().userAgents()) {
            if (rareAgent(ua)) out.add(new Indicator(SharedIndicator.Kind.USER_AGENT, "ua:" + ua.trim(), ua.trim(), ua.trim()));
        }
        for (String s : inc.infrastructure().sessionIds()) {
            out.add(new Indicator(SharedIndicator.Kind.SESSION, "session:" + s.trim(), s.trim(), s.trim()));
        }
        return List.copyOf(out);
    }

    /** Addresses many unrelated users share (corporate egress, carriers' CGNAT, Microsoft's front ends) link no one. */
    static boolean linksByAddress(Network n) {
        if (n.trusted()) return false;
        return n.kind() == NetworkKind.HOSTING || n.kind() == NetworkKind.OTHER;
    }

    /**
     * A user agent that could single out an attacker's tooling: a scripting client, or anything that is neither a
     * mainstream browser nor a Microsoft client (thousands of users send the same Chrome or Outlook agent string).
     */
    static boolean rareAgent(String userAgent) {
        String ua = userAgent.trim().toLowerCase(Locale.ROOT);
        if (ua.isEmpty()) return false;
        if (SignInSignals.scriptingAgent(userAgent)) return true;
        for (String c : COMMON_CLIENTS) if (ua.contains(c)) return false;
        boolean browser = ua.startsWith("mozilla/5.0") && (ua.contains("chrome/") || ua.contains("firefox/")
                || ua.contains("safari/") || ua.contains("edg/") || ua.contains("crios/") || ua.contains("fxios/"));
        return !browser;
    }

    /** Union-find over incident indexes. */
    private static final class Components {
        private final int[] parent;

        Components(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) parent[i] = i;
        }

        int root(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void union(int a, int b) {
            int ra = root(a), rb = root(b);
            if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
