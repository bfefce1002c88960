package io.aitmdefense.posture.assess;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Where a sign-in comes from, as the evaluator sees it: an IP and country (matched against IP and country named
 * locations) and named-location ids stated directly (locations the export references but does not define).
 */
public record Network(String label, Optional<InetAddress> ip, Optional<String> country, Set<String> namedLocationIds) {
    public Network {
        namedLocationIds = Set.copyOf(namedLocationIds);
    }
}
