package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.tenant.NamedLocation;
import io.aitmdefense.simulate.tenant.Network;
import io.aitmdefense.simulate.tenant.Place;

import java.util.List;

/** The address a request leaves from, its network, where Entra places it, and the named locations it falls in. */
public record Egress(String ip, Network network, Place place, List<NamedLocation> namedLocations) {
}
