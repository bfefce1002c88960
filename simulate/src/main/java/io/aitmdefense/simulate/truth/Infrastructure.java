package io.aitmdefense.simulate.truth;

import java.util.List;

/** What the attacker used: source addresses, their ASNs, user agents, and external mail addresses (forwarding, drops). */
public record Infrastructure(List<String> ips, List<Integer> asns, List<String> userAgents, List<String> externalAddresses) {
}
