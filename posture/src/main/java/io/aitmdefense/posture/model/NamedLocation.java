package io.aitmdefense.posture.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** A named location: IP ranges (optionally trusted), countries, or a Global Secure Access compliant network. */
public record NamedLocation(
        String id,
        String displayName,
        NamedLocationKind kind,
        List<IpRange> ipRanges,
        boolean trusted,
        Set<String> countriesAndRegions,
        boolean includeUnknownCountriesAndRegions,
        String countryLookupMethod) {

    /** Well-known id of "All Compliant Network locations". */
    public static final String ALL_COMPLIANT_NETWORKS_ID = "3d46dbda-8382-466a-856d-eb00cbc6b910";

    public NamedLocation {
        ipRanges = List.copyOf(ipRanges);
        countriesAndRegions = Set.copyOf(countriesAndRegions);
    }

    public boolean containsIp(InetAddress address) {
        return ipRanges.stream().anyMatch(r -> r.contains(address));
    }
}
