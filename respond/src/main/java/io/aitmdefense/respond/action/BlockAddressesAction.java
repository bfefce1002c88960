package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.contain.NamedLocation;
import io.aitmdefense.respond.plan.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts the attacker's addresses into the one untrusted IP named location aitm keeps, found by its display name:
 * created with {@code POST} the first time, extended with {@code PATCH} after that. A PATCH replaces the whole
 * {@code ipRanges} list (reference/graph-response.md §2.10), so the ranges already there are read and sent back with
 * the new ones; a repeat finds every range present and writes nothing. The POST is not repeated after a lost answer:
 * the read-back decides. A location of that name someone marked trusted, or two of them, stop for a person.
 */
public final class BlockAddressesAction implements Action {
    /** Entra's limit of ranges in one IP named location. */
    static final int MAX_RANGES = 2000;
    private static final String LOCATIONS = "/v1.0/identity/conditionalAccess/namedLocations";

    private final Target.Addresses addresses;

    public BlockAddressesAction(Target.Addresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get(LOCATIONS + "?$filter=" + Query.enc("displayName eq '" + Json.odata(addresses.location()) + "'")));
        if (!r.ok()) return Observation.unreadable(r);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode n : r.body().path("value")) {
            if (addresses.location().equals(n.path("displayName").asText())) found.add(n);
        }
        if (found.isEmpty()) {
            return new Observation(Observation.State.TODO, Json.MAPPER.createArrayNode(), List.of(), "no named location \""
                    + addresses.location() + "\"", r);
        }
        if (found.size() > 1) {
            return new Observation(Observation.State.AMBIGUOUS, Json.MAPPER.createArrayNode().addAll(found),
                    found.stream().map(n -> n.path("id").asText()).toList(), found.size() + " named locations are called \""
                    + addresses.location() + "\": merge them by hand, then run again", r);
        }
        JsonNode location = found.get(0);
        String id = location.path("id").asText();
        if (!"#microsoft.graph.ipNamedLocation".equals(location.path("@odata.type").asText("#microsoft.graph.ipNamedLocation"))
                || location.path("isTrusted").asBoolean(false)) {
            return new Observation(Observation.State.AMBIGUOUS, location, List.of(id), "named location \"" + addresses.location()
                    + "\" " + id + " is " + (location.path("isTrusted").asBoolean(false) ? "marked trusted" : "not an IP location")
                    + ": someone changed it; aitm adds no attacker address to it", r);
        }
        Map<String, JsonNode> have = ranges(location);
        List<String> missing = addresses.ranges().stream().filter(x -> !have.containsKey(key(x))).toList();
        String detail = "named location \"" + addresses.location() + "\" " + id + " with " + have.size() + " ranges";
        if (missing.isEmpty()) {
            return new Observation(Observation.State.DONE, location, List.of(id), detail + ", " + String.join(", ",
                    addresses.ranges()) + " among them", r);
        }
        if (have.size() + missing.size() > MAX_RANGES) {
            return new Observation(Observation.State.AMBIGUOUS, location, List.of(id), detail + ": adding " + missing.size()
                    + " would pass Entra's " + MAX_RANGES + " ranges per location; start another location by hand", r);
        }
        return new Observation(Observation.State.TODO, location, List.of(id), detail + ", without " + String.join(", ", missing), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        if (before.ids().isEmpty()) return List.of(Call.post(LOCATIONS, NamedLocation.body(addresses.location(), addresses.ranges())));
        Map<String, JsonNode> merged = ranges(before.snapshot());
        ObjectNode body = NamedLocation.body(addresses.location(), addresses.ranges());
        for (JsonNode r : body.path("ipRanges")) merged.putIfAbsent(key(r.path("cidrAddress").asText()), r);
        ObjectNode patch = Json.object();
        patch.put("@odata.type", "#microsoft.graph.ipNamedLocation");
        ArrayNode all = patch.putArray("ipRanges");
        merged.values().forEach(all::add);
        return List.of(Call.patch(LOCATIONS + "/" + Query.seg(before.ids().get(0)), patch));
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → " + (before.ids().isEmpty() ? "created, untrusted, with " : "with ")
                + String.join(", ", addresses.ranges()) + (before.ids().isEmpty() ? "" : " added");
    }

    /** The location's ranges by normalised address, each as Graph gave it (so a PATCH sends them back unchanged). */
    private static Map<String, JsonNode> ranges(JsonNode location) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : location.path("ipRanges")) out.putIfAbsent(key(r.path("cidrAddress").asText()), r);
        return out;
    }

    private static String key(String cidr) {
        return cidr.trim().toLowerCase(Locale.ROOT);
    }
}
