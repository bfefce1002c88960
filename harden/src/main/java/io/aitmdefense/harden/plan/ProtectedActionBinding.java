package io.aitmdefense.harden.plan;

import java.util.List;

/**
 * A directory permission that requires an authentication context (a protected action). Bound only after the policy
 * for the context is on: a protected action whose context policy is off or report-only sends admins into a
 * re-authentication loop (reference §12.1).
 */
public record ProtectedActionBinding(String actionId, String contextId, String requiresPolicy) {

    /** The permissions an attacker with a replayed admin session uses to switch protection off (reference §12.3). */
    public static final List<String> CA_MANAGEMENT_ACTIONS = List.of(
            "microsoft.directory-conditionalAccessPolicies-basic-update-patch",
            "microsoft.directory-conditionalAccessPolicies-create-post",
            "microsoft.directory-conditionalAccessPolicies-delete-delete",
            "microsoft.directory-namedLocations-basic-update-patch",
            "microsoft.directory-namedLocations-create-post",
            "microsoft.directory-namedLocations-delete-delete",
            "microsoft.directory-resourceNamespaces-resourceActions-authenticationContext-update-post");

    /** The Graph path of the action (beta only). */
    public String path() {
        return "roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/" + actionId;
    }
}
