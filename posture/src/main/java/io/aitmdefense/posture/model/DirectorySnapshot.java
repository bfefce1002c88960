package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Optional tenant directory facts: users, group names (from group exports or mapping tables) and the configured
 * break-glass accounts and groups. Break-glass comes from configuration, never from a "most excluded" guess.
 */
public record DirectorySnapshot(List<DirectoryUser> users, Map<String, String> groupNames, Set<String> breakGlassIds) {

    public static final DirectorySnapshot EMPTY = new DirectorySnapshot(List.of(), Map.of(), Set.of());

    public DirectorySnapshot {
        users = List.copyOf(users);
        groupNames = Map.copyOf(groupNames);
        breakGlassIds = Set.copyOf(breakGlassIds);
    }

    /** Finds a user by object id or user principal name (case-insensitive). */
    public Optional<DirectoryUser> user(String idOrUpn) {
        return users.stream()
                .filter(u -> u.id().equalsIgnoreCase(idOrUpn) || u.userPrincipalName().equalsIgnoreCase(idOrUpn))
                .findFirst();
    }

    public Optional<String> groupName(String id) {
        return Optional.ofNullable(groupNames.get(id));
    }
}
