package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The tenant's Conditional Access as apply and drift see it, in Microsoft Graph's own JSON: the few reads and writes
 * the plan needs and nothing else. Implementations: {@link InMemoryTenantPolicies} for tests and offline runs, and one
 * over the Graph client. Writes throw {@link TenantWriteException} with Graph's status and message when refused.
 */
public interface TenantPolicies {

    /** {@code GET /identity/conditionalAccess/policies} (beta shape, so token protection is visible), every page. */
    List<JsonNode> policies();

    /** {@code GET /identity/conditionalAccess/namedLocations}. */
    List<JsonNode> namedLocations();

    /** {@code GET /identity/conditionalAccess/authenticationContextClassReferences}. */
    List<JsonNode> authenticationContexts();

    /** {@code GET /beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/{id}}. */
    Optional<JsonNode> resourceAction(String actionId);

    /** {@code POST /{version}/identity/conditionalAccess/policies}; returns the new policy's id. */
    String createPolicy(String apiVersion, JsonNode body);

    /** {@code PATCH /v1.0/identity/conditionalAccess/policies/{id}}. */
    void updatePolicy(String id, JsonNode body);

    /** {@code PATCH /v1.0/identity/conditionalAccess/authenticationContextClassReferences/{id}} (create or update). */
    void putAuthenticationContext(String id, JsonNode body);

    /** {@code PATCH /beta/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/{id}}. */
    void updateResourceAction(String actionId, JsonNode body);
}
