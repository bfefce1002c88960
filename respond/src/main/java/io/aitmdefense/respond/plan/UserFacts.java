package io.aitmdefense.respond.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the tenant says about the user, read before planning (all reads):
 * {@code GET /v1.0/users/{upn}?$select=id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,…},
 * {@code GET /v1.0/users/{id}/transitiveMemberOf/microsoft.graph.directoryRole}, {@code GET /v1.0/subscribedSkus}.
 *
 * @param adminRoles display names of the directory roles the user holds (directly or through groups)
 * @param p2 whether the tenant has Entra ID P2 (confirmCompromised needs it); empty when the read was refused
 */
public record UserFacts(String id, String upn, boolean accountEnabled, boolean synced, List<String> adminRoles,
                        Optional<Boolean> p2, Optional<Instant> sessionsValidFrom, Optional<Instant> lastPasswordChange) {

    public UserFacts {
        adminRoles = List.copyOf(adminRoles);
    }
}
