package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.NamedLocation;
import io.aitmdefense.posture.model.NamedLocationKind;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The networks sign-ins come from. The attacker replays from a hosting provider outside every named location; a
 * careful attacker rents a host in an allowed country, which defeats country allow-lists but not IP ranges. The
 * legitimate user sits in every location the policies treat as "ours": those policies exclude, and trusted ones.
 */
public record Networks(Network attacker, Optional<Network> attackerInAllowedCountry, Network legitimate) {

    public static Networks of(ConditionalAccessSnapshot snapshot) {
        Set<String> excluded = new LinkedHashSet<>();
        for (ConditionalAccessPolicy p : snapshot.policies()) excluded.addAll(p.conditions().locations().excludeLocations());
        Set<String> allowedCountries = new LinkedHashSet<>();
        Set<String> ours = new LinkedHashSet<>();
        boolean anyTrusted = false;
        for (NamedLocation l : snapshot.namedLocations()) {
            boolean isExcluded = excluded.stream().anyMatch(id -> id.equalsIgnoreCase(l.id()));
            if (l.trusted()) anyTrusted = true;
            if (isExcluded || l.trusted()) ours.add(l.id());
            if (isExcluded && l.kind() == NamedLocationKind.COUNTRY) allowedCountries.add(l.id());
        }
        // Excluded ids without a named-location object (export without the locations file) still count as ours.
        excluded.stream().filter(id -> !id.equalsIgnoreCase("AllTrusted") && !id.equalsIgnoreCase("All"))
                .filter(id -> snapshot.namedLocation(id).isEmpty()).forEach(ours::add);
        Network attacker = new Network("hosting network outside every named location", Set.of(), false);
        Optional<Network> inCountry = allowedCountries.isEmpty() ? Optional.empty()
                : Optional.of(new Network("hosting network in an allowed country", allowedCountries, false));
        Network legit = new Network("corporate network", ours, anyTrusted || !ours.isEmpty());
        return new Networks(attacker, inCountry, legit);
    }
}
