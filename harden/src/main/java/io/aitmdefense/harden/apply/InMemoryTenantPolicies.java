package io.aitmdefense.harden.apply;

import java.nio.charset.StandardCharsets;
import io.aitmdefense.harden.plan.ProtectedActionBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant held in memory with Graph's write semantics where they matter to a plan: a policy {@code PATCH} merges per
 * top-level property and per condition (a {@code conditions.users} sent replaces only the users condition), an auth
 * context {@code PATCH} creates or updates, ids are assigned on create. Every write is recorded for tests.
 */
public final class InMemoryTenantPolicies implements TenantPolicies {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> policies = new LinkedHashMap<>();
    private final Map<String, ObjectNode> contexts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> actions = new LinkedHashMap<>();
    private final List<ObjectNode> namedLocations = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private int created;

    /** A tenant holding these Graph policy objects (ids kept) and auth contexts. */
    public static InMemoryTenantPolicies of(List<JsonNode> policies, List<JsonNode> contexts) {
        InMemoryTenantPolicies t = new InMemoryTenantPolicies();
        for (JsonNode p : policies) t.policies.put(p.path("id").asText(), p.deepCopy());
        for (JsonNode c : contexts) t.contexts.put(c.path("id").asText(), c.deepCopy());
        for (String a : ProtectedActionBinding.CA_MANAGEMENT_ACTIONS) {
            ObjectNode action = F.objectNode();
            action.put("id", a);
            action.putNull("authenticationContextId");
            action.put("isAuthenticationContextSettable", true);
            t.actions.put(a, action);
        }
        return t;
    }

    @Override
    public List<JsonNode> policies() {
        return policies.values().stream().map(p -> (JsonNode) p.deepCopy()).toList();
    }

    @Override
    public List<JsonNode> namedLocations() {
        return namedLocations.stream().map(l -> (JsonNode) l.deepCopy()).toList();
    }

    @Override
    public List<JsonNode> authenticationContexts() {
        return contexts.values().stream().map(c -> (JsonNode) c.deepCopy()).toList();
    }

    @Override
    public Optional<JsonNode> resourceAction(String actionId) {
        return Optional.ofNullable(actions.get(actionId)).map(JsonNode::deepCopy);
    }

    @Override
    public String createPolicy(String apiVersion, JsonNode body) {
        String id = UUID.nameUUIDFromBytes(("policy-" + ++created).getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode p = F.objectNode();
        p.put("id", id);
        p.setAll((ObjectNode) body.deepCopy());
        policies.put(id, p);
        writes.add("POST " + apiVersion + " policies " + body.path("displayName").asText());
        return id;
    }

    @Override
    public void updatePolicy(String id, JsonNode body) {
        ObjectNode p = policies.get(id);
        if (p == null) throw new TenantWriteException(404, "policy " + id + " does not exist");
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("conditions") && e.getValue().isObject() && p.path("conditions").isObject()) {
                ((ObjectNode) p.get("conditions")).setAll((ObjectNode) e.getValue().deepCopy());
            } else {
                p.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        writes.add("PATCH policies/" + id);
    }

    @Override
    public void putAuthenticationContext(String id, JsonNode body) {
        ObjectNode c = contexts.computeIfAbsent(id, k -> F.objectNode().put("id", k));
        c.setAll((ObjectNode) body.deepCopy());
        writes.add("PATCH authenticationContextClassReferences/" + id);
    }

    @Override
    public void updateResourceAction(String actionId, JsonNode body) {
        ObjectNode a = actions.get(actionId);
        if (a == null) throw new TenantWriteException(404, "resource action " + actionId + " does not exist");
        a.setAll((ObjectNode) body.deepCopy());
        writes.add("PATCH resourceActions/" + actionId);
    }

    /** Every write so far, in order, as "METHOD target". */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Changes a policy behind apply's back, as an attacker or a colleague in the portal would. */
    public void tamper(String id, String field, JsonNode value) {
        policies.get(id).set(field, value);
    }

    public Optional<JsonNode> policyByName(String displayName) {
        return policies.values().stream().filter(p -> p.path("displayName").asText().equals(displayName))
                .map(p -> (JsonNode) p.deepCopy()).findFirst();
    }
}
