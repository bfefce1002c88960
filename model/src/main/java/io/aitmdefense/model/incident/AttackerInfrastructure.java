package io.aitmdefense.model.incident;

import java.util.List;

/** Everything attacker-side across an incident's alerts: addresses, networks, user agents and session ids. */
public record AttackerInfrastructure(List<AttackerAddress> addresses, List<AttackerNetwork> networks,
                                     List<String> userAgents, List<String> sessionIds) {

    public boolean isEmpty() {
        return addresses.isEmpty() && networks.isEmpty() && userAgents.isEmpty() && sessionIds.isEmpty();
    }
}
