package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Optional;

/**
 * Who a policy targets. Ids are kept as written: object ids, the keywords {@code All}, {@code None},
 * {@code GuestsOrExternalUsers}, or template placeholders such as {@code <EmergencyAccessAccountsGroup>}.
 * Roles are role template ids.
 */
public record UserCondition(
        List<String> includeUsers,
        List<String> excludeUsers,
        List<String> includeGroups,
        List<String> excludeGroups,
        List<String> includeRoles,
        List<String> excludeRoles,
        Optional<GuestCondition> includeGuestsOrExternalUsers,
        Optional<GuestCondition> excludeGuestsOrExternalUsers) {

    public static final UserCondition NONE = new UserCondition(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), Optional.empty(), Optional.empty());

    public UserCondition {
        includeUsers = List.copyOf(includeUsers);
        excludeUsers = List.copyOf(excludeUsers);
        includeGroups = List.copyOf(includeGroups);
        excludeGroups = List.copyOf(excludeGroups);
        includeRoles = List.copyOf(includeRoles);
        excludeRoles = List.copyOf(excludeRoles);
    }

    public boolean includesAllUsers() {
        return includeUsers.stream().anyMatch("All"::equalsIgnoreCase);
    }
}
