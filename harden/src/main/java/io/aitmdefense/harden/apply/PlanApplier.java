package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.emit.ApplyStep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a committed plan to a tenant in dependency order: authentication contexts, then policies (the c2 policy
 * first), then — only once the c2 policy is On — the protected-action bindings. {@link #diff} reads the live tenant
 * and says what each step would do; {@link #apply} sends the writes of a diff, one audit line per write, and stops
 * at the first refusal (what comes after depends on it). Nothing is written without {@link #apply}.
 */
public final class PlanApplier {

    private final TenantPolicies tenant;

    public PlanApplier(TenantPolicies tenant) {
        this.tenant = tenant;
    }

    public List<PlannedWrite> diff(CommittedPlan plan) {
        List<PlannedWrite> out = new ArrayList<>();
        List<JsonNode> live = tenant.policies();
        for (ApplyStep s : plan.steps()) {
            if (s.path().contains("authenticationContextClassReferences/")) out.add(context(s));
            else if (s.deferred()) out.addAll(bindings(s, live));
            else if (s.method().equals("POST")) out.add(create(s, live));
            else out.add(change(s, live));
        }
        return out;
    }

    private PlannedWrite context(ApplyStep s) {
        String id = s.body().path("id").asText();
        Optional<JsonNode> current = tenant.authenticationContexts().stream().filter(c -> c.path("id").asText().equals(id)).findFirst();
        boolean same = current.isPresent() && current.get().path("isAvailable").asBoolean()
                && current.get().path("displayName").asText().equals(s.body().path("displayName").asText());
        return same ? write(PlannedWrite.Kind.UNCHANGED, s, "context " + id + " is available")
                : write(PlannedWrite.Kind.WRITE, s, current.isPresent() ? "update context " + id : "create context " + id);
    }

    private PlannedWrite create(ApplyStep s, List<JsonNode> live) {
        String name = s.body().path("displayName").asText();
        Optional<JsonNode> existing = byName(live, name);
        if (existing.isEmpty()) return write(PlannedWrite.Kind.WRITE, s, "new policy");
        List<PolicyDiff.Change> changes = PolicyDiff.between(s.body(), existing.get());
        if (changes.isEmpty()) return write(PlannedWrite.Kind.UNCHANGED, s, "exists as " + existing.get().path("id").asText());
        // the state and users are moved by ring promotion; anything else is drift
        List<PolicyDiff.Change> other = changes.stream().filter(c -> !ringField(c.path())).toList();
        if (other.isEmpty()) return write(PlannedWrite.Kind.UNCHANGED, s, "exists as " + existing.get().path("id").asText()
                + ", promoted: " + changes.stream().map(PolicyDiff.Change::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        return write(PlannedWrite.Kind.CONFLICT, s, "exists as " + existing.get().path("id").asText()
                + " and differs (see 'aitm harden drift'): " + other.get(0) + (other.size() > 1 ? " (+" + (other.size() - 1) + ")" : ""));
    }

    static boolean ringField(String path) {
        return path.equals("state") || path.equals("conditions.users.includeUsers") || path.equals("conditions.users.includeGroups");
    }

    private PlannedWrite change(ApplyStep s, List<JsonNode> live) {
        String id = s.path().substring(s.path().lastIndexOf('/') + 1);
        Optional<JsonNode> current = live.stream().filter(p -> p.path("id").asText().equals(id)).findFirst();
        if (current.isEmpty()) return write(PlannedWrite.Kind.CONFLICT, s, "policy " + id + " is not in the tenant any more");
        boolean holds = true;
        if (s.body().has("state")) holds &= current.get().path("state").asText().equals(s.body().path("state").asText());
        JsonNode users = s.body().path("conditions").path("users");
        for (String field : List.of("excludeUsers", "excludeGroups")) {
            for (JsonNode id2 : users.path(field)) {
                boolean present = false;
                for (JsonNode x : current.get().path("conditions").path("users").path(field)) present |= x.asText().equalsIgnoreCase(id2.asText());
                holds &= present;
            }
        }
        return holds ? write(PlannedWrite.Kind.UNCHANGED, s, "already changed") : write(PlannedWrite.Kind.WRITE, s, "change existing policy");
    }

    private List<PlannedWrite> bindings(ApplyStep s, List<JsonNode> live) {
        String policy = s.body().path(0).path("requiresPolicyOn").asText();
        Optional<JsonNode> c2 = byName(live, policy);
        String state = c2.map(p -> p.path("state").asText()).orElse("missing");
        if (!state.equals("enabled")) {
            return List.of(write(PlannedWrite.Kind.WAITING, s, "'" + policy + "' is " + state
                    + ": protected actions are bound only once it is enabled (else admins loop on re-authentication)"));
        }
        List<PlannedWrite> out = new ArrayList<>();
        for (JsonNode b : s.body()) {
            String action = b.path("resourceAction").asText();
            String context = b.path("body").path("authenticationContextId").asText();
            String current = tenant.resourceAction(action).map(a -> a.path("authenticationContextId").asText("")).orElse("");
            PlannedWrite.Kind kind = current.equals(context) ? PlannedWrite.Kind.UNCHANGED : PlannedWrite.Kind.WRITE;
            out.add(new PlannedWrite(kind, s.order(), "PATCH", "beta", b.path("path").asText(), "bind " + action + " to " + context,
                    b.path("body"), kind == PlannedWrite.Kind.UNCHANGED ? "already bound" : "bind"));
        }
        return out;
    }

    private static Optional<JsonNode> byName(List<JsonNode> live, String name) {
        return live.stream().filter(p -> p.path("displayName").asText().equals(name)).findFirst();
    }

    private static PlannedWrite write(PlannedWrite.Kind kind, ApplyStep s, String note) {
        return new PlannedWrite(kind, s.order(), s.method(), s.apiVersion(), s.path(), s.what(), s.body(), note);
    }

    /** Sends every WRITE of the diff in order; returns how many were sent. Stops at the first refusal, audited too. */
    public int apply(List<PlannedWrite> diff, AuditTrail audit) throws IOException {
        int sent = 0;
        for (PlannedWrite w : diff) {
            if (w.kind() != PlannedWrite.Kind.WRITE) continue;
            try {
                String result = send(w);
                audit.record(w.what(), w.method(), "/" + w.apiVersion() + "/" + w.path(), w.body(), result);
                sent++;
            } catch (TenantWriteException e) {
                audit.record(w.what(), w.method(), "/" + w.apiVersion() + "/" + w.path(), w.body(),
                        "refused " + e.status() + ": " + e.getMessage());
                throw e;
            }
        }
        return sent;
    }

    private String send(PlannedWrite w) {
        if (w.path().contains("authenticationContextClassReferences/")) {
            tenant.putAuthenticationContext(w.path().substring(w.path().lastIndexOf('/') + 1), w.body());
            return "ok";
        }
        if (w.path().contains("resourceActions/")) {
            tenant.updateResourceAction(w.path().substring(w.path().lastIndexOf('/') + 1), w.body());
            return "ok";
        }
        if (w.method().equals("POST")) return "ok, id " + tenant.createPolicy(w.apiVersion(), w.body());
        tenant.updatePolicy(w.path().substring(w.path().lastIndexOf('/') + 1), w.body());
        return "ok";
    }

    /** The state-only or users PATCH that moves one of our policies to a ring. */
    static ObjectNode promotion(String state, Optional<String> pilotGroup, JsonNode liveUsers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("state", state);
        if (pilotGroup.isEmpty() && liveUsers != null) {
            ObjectNode users = liveUsers.deepCopy();
            users.putArray("includeUsers").add("All");
            users.putArray("includeGroups");
            body.putObject("conditions").set("users", users);
        } else if (pilotGroup.isPresent() && liveUsers != null) {
            ObjectNode users = liveUsers.deepCopy();
            users.putArray("includeUsers");
            users.putArray("includeGroups").add(pilotGroup.get());
            body.putObject("conditions").set("users", users);
        }
        return body;
    }
}
