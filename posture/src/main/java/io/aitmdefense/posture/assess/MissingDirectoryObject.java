package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.NamedLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AITM-CA-029: a group or named location a policy names that the export's directory or locations do not hold (deleted,
 * or never created from a template), or a group no user of the directory snapshot belongs to. Only judged when the
 * export carries the list in question: without a group table nothing is "missing".
 */
final class MissingDirectoryObject implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-029", Severity.MEDIUM,
            "A group or named location a policy relies on is missing or empty",
            "Policies keep the ids of deleted groups and locations. An included group that no longer exists (or has "
                    + "no members) means the policy protects nobody through it; an excluded one means the exemption "
                    + "someone relies on is gone; a deleted location makes a location condition match nothing. The "
                    + "portal shows nothing wrong: the policy looks intact.",
            "Point the policy at the group or named location that exists now (or recreate it and add its members), "
                    + "and remove references to deleted objects; keep CA groups in a restricted-management "
                    + "administrative unit so they are not deleted or emptied by accident.");

    @Override
    public Check check() {
        return Check.MISSING_DIRECTORY_OBJECT;
    }

    private record Use(Map<String, List<String>> includedBy, Map<String, List<String>> excludedBy) {
        Use() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        void add(boolean include, String id, String policy) {
            (include ? includedBy : excludedBy).computeIfAbsent(id, k -> new ArrayList<>()).add(policy);
        }

        Set<String> ids() {
            Set<String> all = new LinkedHashSet<>(includedBy.keySet());
            all.addAll(excludedBy.keySet());
            return all;
        }
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        Use groups = new Use();
        Use locations = new Use();
        for (ConditionalAccessPolicy p : context.live()) {
            p.conditions().users().includeGroups().forEach(g -> groups.add(true, g, p.label()));
            p.conditions().users().excludeGroups().forEach(g -> groups.add(false, g, p.label()));
            p.conditions().locations().includeLocations().forEach(l -> locations.add(true, l, p.label()));
            p.conditions().locations().excludeLocations().forEach(l -> locations.add(false, l, p.label()));
        }
        Map<String, String> groupNames = lowerKeys(context.snapshot().directory().groupNames());
        List<DirectoryUser> users = context.snapshot().directory().users();
        if (!groupNames.isEmpty() || !users.isEmpty()) {
            Set<String> withMembers = new LinkedHashSet<>();
            for (DirectoryUser u : users) u.groupIds().forEach(g -> withMembers.add(g.toLowerCase(Locale.ROOT)));
            for (String g : groups.ids()) {
                if (placeholder(g)) continue;
                String key = g.toLowerCase(Locale.ROOT);
                if (!groupNames.isEmpty() && !groupNames.containsKey(key)) {
                    out.add(finding(g, "Group " + g + " is not among the " + groupNames.size()
                            + " groups of the export (deleted, or not exported)", groups));
                } else if (!users.isEmpty() && !withMembers.contains(key)) {
                    out.add(finding(g, "Group " + context.describe(g) + " has no member among the " + users.size()
                            + " users of the directory snapshot", groups));
                }
            }
        }
        if (!context.snapshot().namedLocations().isEmpty()) {
            for (String l : locations.ids()) {
                if (placeholder(l) || l.equalsIgnoreCase("All") || l.equalsIgnoreCase("AllTrusted")
                        || l.equalsIgnoreCase(NamedLocation.ALL_COMPLIANT_NETWORKS_ID)) continue;
                if (context.snapshot().namedLocation(l).isEmpty()) {
                    out.add(finding(l, "Named location " + l + " is not among the " + context.snapshot().namedLocations()
                            .size() + " named locations of the export (deleted, or not exported)", locations));
                }
            }
        }
        return out;
    }

    private Finding finding(String id, String what, Use use) {
        List<String> included = use.includedBy().getOrDefault(id, List.of());
        List<String> excluded = use.excludedBy().getOrDefault(id, List.of());
        List<String> parts = new ArrayList<>();
        if (!included.isEmpty()) parts.add("included by " + String.join(", ", included));
        if (!excluded.isEmpty()) parts.add("excluded by " + String.join(", ", excluded));
        Set<String> policies = new LinkedHashSet<>(included);
        policies.addAll(excluded);
        // Losing an include silently narrows a protection; losing an exclusion only changes who is exempt.
        Severity severity = included.isEmpty() ? Severity.LOW : Severity.MEDIUM;
        return new Finding(check(), severity, what + "; " + String.join("; ", parts) + ".", List.copyOf(policies));
    }

    private static boolean placeholder(String id) {
        return id.startsWith("<") || id.startsWith("%") || id.startsWith("{");
    }

    private static Map<String, String> lowerKeys(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
