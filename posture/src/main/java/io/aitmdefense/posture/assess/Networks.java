package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.NamedLocation;
import io.aitmdefense.posture.model.NamedLocationKind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The networks sign-ins come from. The attacker replays from a hosting provider outside every named location; a
 * careful attacker rents a host in an allowed country, which defeats country allow-lists but not IP ranges. The
 * legitimate user sits in every location the policies treat as "ours": those policies exclude, and trusted ones.
 */
public record Networks(Network attacker, Optional<Network> attackerInAllowedCountry, Network legitimate) {

    /** A documentation address (RFC 5737) standing for a rented VPS; no real named location contains it. */
    static final InetAddress HOSTING_IP = address("203.0.113.77");
    private static final List<String> FOREIGN_COUNTRIES = List.of("KP", "RU", "NG", "BR", "US", "SG", "ZA");

    public static Networks of(ConditionalAccessSnapshot snapshot) {
        Set<String> excluded = new LinkedHashSet<>();
        for (ConditionalAccessPolicy p : snapshot.policies()) excluded.addAll(p.conditions().locations().excludeLocations());
        Set<String> ours = new LinkedHashSet<>();
        Set<String> countriesInLocations = new LinkedHashSet<>();
        Optional<String> allowedCountry = Optional.empty();
        for (NamedLocation l : snapshot.namedLocations()) {
            if (l.kind() == NamedLocationKind.COUNTRY) countriesInLocations.addAll(l.countriesAndRegions());
            boolean isExcluded = excluded.stream().anyMatch(id -> id.equalsIgnoreCase(l.id()));
            if (!isExcluded && !l.trusted()) continue;
            ours.add(l.id());
            if (l.kind() == NamedLocationKind.COUNTRY && allowedCountry.isEmpty()) {
                allowedCountry = l.countriesAndRegions().stream().sorted().findFirst();
            }
        }
        // Excluded ids without a named-location object (export without the locations file) still count as ours.
        excluded.stream().filter(id -> !id.equalsIgnoreCase("AllTrusted") && !id.equalsIgnoreCase("All"))
                .filter(id -> snapshot.namedLocation(id).isEmpty()).forEach(ours::add);
        String foreign = FOREIGN_COUNTRIES.stream()
                .filter(cc -> countriesInLocations.stream().noneMatch(cc::equalsIgnoreCase)).findFirst().orElse("AQ");
        Network attacker = new Network("hosting network outside every named location", Optional.of(HOSTING_IP),
                Optional.of(foreign), Set.of());
        Optional<Network> inCountry = allowedCountry.map(cc -> new Network("hosting network in " + cc + ", an allowed country",
                Optional.of(HOSTING_IP), Optional.of(cc), Set.of()));
        Network legit = new Network("corporate network", Optional.empty(), allowedCountry, ours);
        return new Networks(attacker, inCountry, legit);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(literal, e);
        }
    }
}
