package io.aitmdefense.posture.model;

import java.util.Optional;
import java.util.Set;

/**
 * A user as the evaluator needs it: transitive group ids, active role template ids, and the guest kind if external.
 */
public record DirectoryUser(
        String id,
        String userPrincipalName,
        Set<String> groupIds,
        Set<String> roleTemplateIds,
        Optional<GuestType> guestType,
        Optional<String> homeTenantId) {

    public DirectoryUser {
        groupIds = Set.copyOf(groupIds);
        roleTemplateIds = Set.copyOf(roleTemplateIds);
    }

    public boolean guest() {
        return guestType.isPresent();
    }
}
