package io.aitmdefense.posture.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.posture.model.GraphEnum;
import io.aitmdefense.posture.model.IpRange;
import io.aitmdefense.posture.model.NamedLocation;
import io.aitmdefense.posture.model.NamedLocationKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code ipNamedLocation}, {@code countryNamedLocation} and beta {@code compliantNetworkNamedLocation}. */
final class NamedLocationParser {

    private final ParseScope scope;

    NamedLocationParser(ParseScope scope) {
        this.scope = scope;
    }

    NamedLocation parse(JsonNode node) {
        JsonFields f = scope.open("", node);
        String name = f.text("displayName");
        scope.rename(name.isBlank() ? f.text("id") : name);
        NamedLocationKind kind = GraphEnum.parse(NamedLocationKind.class, f.text("@odata.type")).orElse(null);
        if (kind == null) {
            if (f.has("ipRanges")) kind = NamedLocationKind.IP;
            else if (f.has("countriesAndRegions")) kind = NamedLocationKind.COUNTRY;
            else if (f.has("compliantNetworkType")) kind = NamedLocationKind.COMPLIANT_NETWORK;
            else kind = NamedLocationKind.OTHER;
        }
        List<IpRange> ranges = new ArrayList<>();
        f.get("ipRanges").ifPresent(arr -> {
            for (JsonNode r : arr) {
                JsonFields rf = new JsonFields(r);
                String cidr = rf.text("cidrAddress");
                if (cidr.isBlank()) continue;
                if (IpRange.literal(cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr).isEmpty()) {
                    scope.warn("ipRanges: '" + cidr + "' is not a CIDR range; it matches nothing");
                }
                ranges.add(new IpRange(cidr));
            }
        });
        Set<String> countries = new LinkedHashSet<>();
        f.strings("countriesAndRegions").forEach(cc -> countries.add(cc.toUpperCase(Locale.ROOT)));
        return new NamedLocation(f.text("id"), name, kind, ranges, f.bool("isTrusted").orElse(false), countries,
                f.bool("includeUnknownCountriesAndRegions").orElse(false), f.text("countryLookupMethod"));
    }
}
