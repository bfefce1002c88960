package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.UserCondition;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The emergency-access accounts or groups, and how we know them. Configuration wins; a group named for break-glass
 * comes next; the object excluded from the most policies is the last resort and is reported as a guess.
 */
public record BreakGlass(Set<String> ids, Source source) {

    public enum Source {
        CONFIGURED("configured"),
        GROUP_NAME("inferred from a group name"),
        MOST_EXCLUDED("inferred: the object excluded from the most policies"),
        NONE("not found");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final Pattern NAME = Pattern.compile("break.?glass|emergency", Pattern.CASE_INSENSITIVE);

    public BreakGlass {
        // Insertion order, not Set.copyOf's per-JVM order: reports must read the same on every run.
        ids = Collections.unmodifiableSet(new LinkedHashSet<>(ids));
    }

    public boolean known() {
        return source != Source.NONE;
    }

    public boolean contains(String id) {
        return ids.stream().anyMatch(i -> i.equalsIgnoreCase(id));
    }

    public boolean inferred() {
        return source == Source.GROUP_NAME || source == Source.MOST_EXCLUDED;
    }

    public static BreakGlass resolve(ConditionalAccessSnapshot snapshot, Collection<String> configured) {
        Set<String> ids = new LinkedHashSet<>(configured);
        ids.addAll(snapshot.directory().breakGlassIds());
        if (!ids.isEmpty()) return new BreakGlass(ids, Source.CONFIGURED);
        Set<String> named = new LinkedHashSet<>();
        // A named group no policy mentions (a mapping table from another tenant) says nothing about this export.
        snapshot.directory().groupNames().forEach((id, name) -> {
            if (NAME.matcher(name).find() && referenced(snapshot, id)) named.add(id);
        });
        if (!named.isEmpty()) return new BreakGlass(named, Source.GROUP_NAME);
        return mostExcluded(snapshot);
    }

    private static BreakGlass mostExcluded(ConditionalAccessSnapshot snapshot) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int userPolicies = 0;
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            UserCondition u = p.conditions().users();
            if (p.state() == PolicyState.DISABLED && snapshot.policies().stream().anyMatch(q -> q.state() != PolicyState.DISABLED)) {
                continue;
            }
            if (u.includeUsers().stream().allMatch("None"::equalsIgnoreCase) && u.includeGroups().isEmpty()
                    && u.includeRoles().isEmpty() && u.includeGuestsOrExternalUsers().isEmpty()) continue;
            userPolicies++;
            Set<String> excluded = new LinkedHashSet<>();
            u.excludeUsers().stream().filter(BreakGlass::objectId).forEach(excluded::add);
            u.excludeGroups().stream().filter(BreakGlass::objectId).forEach(excluded::add);
            excluded.forEach(id -> counts.merge(id.toLowerCase(Locale.ROOT), 1, Integer::sum));
        }
        int best = counts.values().stream().max(Integer::compare).orElse(0);
        // An object excluded from fewer than half the policies is a per-policy exception, not an emergency account.
        if (best == 0 || best * 2 < userPolicies) return new BreakGlass(Set.of(), Source.NONE);
        Set<String> top = new LinkedHashSet<>();
        counts.forEach((id, n) -> {
            if (n == best) top.add(id);
        });
        return new BreakGlass(top, Source.MOST_EXCLUDED);
    }

    private static boolean referenced(ConditionalAccessSnapshot snapshot, String id) {
        return snapshot.policies().stream().map(p -> p.conditions().users()).anyMatch(u ->
                u.excludeGroups().stream().anyMatch(id::equalsIgnoreCase)
                        || u.includeGroups().stream().anyMatch(id::equalsIgnoreCase));
    }

    private static boolean objectId(String value) {
        return !value.equalsIgnoreCase("GuestsOrExternalUsers") && !value.equalsIgnoreCase("All");
    }
}
