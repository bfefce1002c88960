package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.GraphRequest;
import io.aitmdefense.graph.http.ApiException;

import java.util.List;
import java.util.Optional;

/**
 * The tenant through Microsoft Graph. Policies are read through beta (token protection and CAE show only there) and
 * written through the version each step names; protected actions are beta only. Retries, throttling and paging are
 * the Graph client's; a refused write becomes a {@link TenantWriteException} with Graph's status and message.
 */
public final class GraphTenantPolicies implements TenantPolicies {

    static final String POLICIES = "/identity/conditionalAccess/policies";
    static final String LOCATIONS = "/identity/conditionalAccess/namedLocations";
    static final String CONTEXTS = "/identity/conditionalAccess/authenticationContextClassReferences";
    static final String ACTIONS = "/roleManagement/directory/resourceNamespaces/microsoft.directory/resourceActions/";

    private final GraphClient v1;
    private final GraphClient beta;

    /** @param graph a v1.0 client (its {@code beta()} is used where Graph has the data only there) */
    public GraphTenantPolicies(GraphClient graph) {
        this.v1 = graph;
        this.beta = graph.beta();
    }

    @Override
    public List<JsonNode> policies() {
        return beta.list(GraphRequest.get(POLICIES));
    }

    @Override
    public List<JsonNode> namedLocations() {
        return v1.list(GraphRequest.get(LOCATIONS));
    }

    @Override
    public List<JsonNode> authenticationContexts() {
        return v1.list(GraphRequest.get(CONTEXTS));
    }

    @Override
    public Optional<JsonNode> resourceAction(String actionId) {
        try {
            return Optional.of(beta.send(GraphRequest.get(ACTIONS + actionId)
                    .query("$select", "id,authenticationContextId,isAuthenticationContextSettable")).json());
        } catch (ApiException e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    @Override
    public String createPolicy(String apiVersion, JsonNode body) {
        GraphClient client = apiVersion.equals("beta") ? beta : v1;
        return write(() -> client.post(POLICIES, body).json().path("id").asText());
    }

    @Override
    public void updatePolicy(String id, JsonNode body) {
        write(() -> v1.patch(POLICIES + "/" + id, body));
    }

    @Override
    public void putAuthenticationContext(String id, JsonNode body) {
        write(() -> v1.patch(CONTEXTS + "/" + id, body));
    }

    @Override
    public void updateResourceAction(String actionId, JsonNode body) {
        write(() -> beta.patch(ACTIONS + actionId, body));
    }

    private static <T> T write(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw new TenantWriteException(e.status(), e.getMessage());
        }
    }
}
