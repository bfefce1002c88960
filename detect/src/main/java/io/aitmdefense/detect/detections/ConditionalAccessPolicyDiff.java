package io.aitmdefense.detect.detections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a Conditional Access policy change weakened, from the old and new policy JSON an audit record carries:
 * the state switched off or to report-only, users, groups, roles or applications excluded, "All" users or apps no
 * longer included, grant controls (MFA, compliant device) removed. Audit records sometimes hold the policy as JSON
 * text inside a JSON string; both are read. Unparseable values give no findings rather than a failure.
 */
final class ConditionalAccessPolicyDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConditionalAccessPolicyDiff() {
    }

    /** The policy's state ("enabled", "disabled", "enabledForReportingButNotEnforced"), when the value has one. */
    static Optional<String> state(String policyJson) {
        return parse(policyJson).map(p -> p.path("state").asText("")).filter(s -> !s.isEmpty());
    }

    /** Phrases naming each weakening from {@code oldJson} to {@code newJson}; empty when nothing was weakened. */
    static List<String> weakenings(String oldJson, String newJson) {
        List<String> out = new ArrayList<>();
        Optional<JsonNode> before = parse(oldJson), after = parse(newJson);
        if (before.isEmpty() || after.isEmpty()) return out;
        JsonNode o = before.get(), n = after.get();
        String was = o.path("state").asText(""), now = n.path("state").asText("");
        if (was.equalsIgnoreCase("enabled") && !now.isEmpty() && !now.equalsIgnoreCase("enabled")) {
            out.add("state " + was + " → " + now);
        }
        for (String[] list : new String[][]{{"users", "excludeUsers"}, {"users", "excludeGroups"}, {"users", "excludeRoles"},
                {"applications", "excludeApplications"}, {"locations", "excludeLocations"}}) {
            Set<String> added = values(n, list);
            added.removeAll(values(o, list));
            if (!added.isEmpty()) out.add(list[1] + " added " + String.join(", ", added));
        }
        for (String[] list : new String[][]{{"users", "includeUsers"}, {"applications", "includeApplications"}}) {
            if (containsAll(values(o, list)) && !containsAll(values(n, list))) out.add(list[1] + " no longer All");
        }
        Set<String> controls = lower(o.path("grantControls").path("builtInControls"));
        controls.removeAll(lower(n.path("grantControls").path("builtInControls")));
        if (!controls.isEmpty()) out.add("grant controls removed " + String.join(", ", controls));
        return out;
    }

    private static Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            JsonNode node = JSON.readTree(text);
            // modified-property values are JSON text, sometimes a JSON string that holds the policy JSON
            if (node != null && node.isTextual()) node = JSON.readTree(node.asText());
            if (node != null && node.isArray() && node.size() == 1) node = node.get(0);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Set<String> values(JsonNode policy, String[] path) {
        JsonNode c = policy.path("conditions").path(path[0]).path(path[1]);
        if (c.isMissingNode()) c = policy.path(path[1]);
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : c) out.add(v.asText());
        return out;
    }

    private static boolean containsAll(Set<String> values) {
        return values.stream().anyMatch(v -> v.equalsIgnoreCase("All"));
    }

    private static Set<String> lower(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : array) out.add(v.asText().toLowerCase(Locale.ROOT));
        return out;
    }
}
