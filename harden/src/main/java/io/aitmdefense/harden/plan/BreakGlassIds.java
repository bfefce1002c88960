package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.UserCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The emergency-access accounts every generated policy excludes, split into users and groups because a policy lists
 * them in different fields. An id is a group when it is written {@code group:ID}, named in the export's group list,
 * or used as a group by any exported policy; otherwise ({@code user:ID} or unknown) it is a user.
 */
public record BreakGlassIds(List<String> users, List<String> groups) {

    public BreakGlassIds {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    public static BreakGlassIds classify(List<String> ids, ConditionalAccessSnapshot export) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String raw : ids) {
            String id = raw.trim();
            if (id.isEmpty()) continue;
            String lower = id.toLowerCase(Locale.ROOT);
            if (lower.startsWith("group:")) groups.add(id.substring(6).trim());
            else if (lower.startsWith("user:")) users.add(id.substring(5).trim());
            else if (knownGroup(id, export)) groups.add(id);
            else users.add(id);
        }
        return new BreakGlassIds(users, groups);
    }

    private static boolean knownGroup(String id, ConditionalAccessSnapshot export) {
        if (export.directory().groupName(id).isPresent()) return true;
        for (ConditionalAccessPolicy p : export.policies()) {
            UserCondition u = p.conditions().users();
            if (u.excludeGroups().stream().anyMatch(id::equalsIgnoreCase)
                    || u.includeGroups().stream().anyMatch(id::equalsIgnoreCase)) return true;
        }
        return false;
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(users);
        all.addAll(groups);
        return all;
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty();
    }
}
