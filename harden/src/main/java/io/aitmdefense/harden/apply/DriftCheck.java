package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.harden.emit.ApplyStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed in the live tenant since the plan was committed: our policies missing, or changed in anything but the
 * state and scope ring promotion moves (and the state only forward: a policy set back to report-only or disabled is
 * drift); adopted policies whose break-glass exclusions or state were reverted; contexts withdrawn from apps; protected
 * actions unbound while their policy is On. The same changes the {@code ca-tampering} detection sees in the audit log.
 */
public final class DriftCheck {

    /** One drifted object: which, and each change in words. */
    public record Drift(String object, List<String> changes, boolean weakens) {
        public Drift {
            changes = List.copyOf(changes);
        }
    }

    private final TenantPolicies tenant;

    public DriftCheck(TenantPolicies tenant) {
        this.tenant = tenant;
    }

    public List<Drift> check(CommittedPlan plan) {
        List<Drift> out = new ArrayList<>();
        List<JsonNode> live = tenant.policies();
        for (CommittedPlan.Policy p : plan.policies()) {
            if (p.decision().equals("create")) created(plan, p, live).ifPresent(out::add);
            else adopted(plan, p, live).ifPresent(out::add);
        }
        for (ApplyStep s : plan.steps()) {
            if (s.path().contains("authenticationContextClassReferences/")) {
                String id = s.body().path("id").asText();
                Optional<JsonNode> c = tenant.authenticationContexts().stream().filter(x -> x.path("id").asText().equals(id)).findFirst();
                if (c.isEmpty()) out.add(new Drift("authentication context " + id, List.of("missing"), true));
                else if (!c.get().path("isAvailable").asBoolean()) {
                    out.add(new Drift("authentication context " + id, List.of("isAvailable: true → false"), true));
                }
            }
            if (s.deferred()) bindings(s, live).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Drift> created(CommittedPlan plan, CommittedPlan.Policy p, List<JsonNode> live) {
        Optional<JsonNode> current = live.stream().filter(x -> x.path("displayName").asText().equals(p.displayName())).findFirst();
        if (current.isEmpty()) return Optional.of(new Drift(p.displayName(), List.of("missing from the tenant (deleted or renamed)"), true));
        JsonNode committed = plan.createdBody(p.displayName()).orElseThrow();
        List<String> changes = new ArrayList<>();
        boolean weakens = false;
        for (PolicyDiff.Change c : PolicyDiff.between(committed, current.get())) {
            if (c.path().equals("state")) {
                String now = current.get().path("state").asText();
                if (now.equals("enabled") || (now.equals(committed.path("state").asText()))) continue;
                weakens = true;
            } else if (PlanApplier.ringField(c.path())) {
                continue;
            } else {
                weakens |= c.path().startsWith("conditions.users.exclude") || c.path().startsWith("grantControls")
                        || c.path().startsWith("sessionControls") || c.path().startsWith("conditions.applications");
            }
            changes.add(c.toString());
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(new Drift(p.displayName(), changes, weakens));
    }

    private Optional<Drift> adopted(CommittedPlan plan, CommittedPlan.Policy p, List<JsonNode> live) {
        if (p.existingId().isEmpty()) return Optional.empty();
        Optional<JsonNode> current = live.stream().filter(x -> x.path("id").asText().equals(p.existingId().get())).findFirst();
        if (current.isEmpty()) return Optional.of(new Drift(p.displayName(), List.of("missing from the tenant (deleted)"), true));
        List<String> changes = new ArrayList<>();
        String state = current.get().path("state").asText();
        if (state.equals("disabled")) changes.add("state: " + p.state() + " → disabled");
        Optional<ApplyStep> step = plan.steps().stream().filter(s -> s.path().endsWith("/" + p.existingId().get())).findFirst();
        if (step.isPresent()) {
            JsonNode users = step.get().body().path("conditions").path("users");
            for (String field : List.of("excludeUsers", "excludeGroups")) {
                for (JsonNode id : users.path(field)) {
                    boolean present = false;
                    for (JsonNode x : current.get().path("conditions").path("users").path(field)) present |= x.asText().equalsIgnoreCase(id.asText());
                    if (!present) changes.add("conditions.users." + field + ": " + id.asText() + " removed");
                }
            }
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(new Drift(p.displayName(), changes, true));
    }

    private Optional<Drift> bindings(ApplyStep s, List<JsonNode> live) {
        String policy = s.body().path(0).path("requiresPolicyOn").asText();
        boolean on = live.stream().anyMatch(p -> p.path("displayName").asText().equals(policy) && p.path("state").asText().equals("enabled"));
        List<String> changes = new ArrayList<>();
        for (JsonNode b : s.body()) {
            String action = b.path("resourceAction").asText();
            String want = b.path("body").path("authenticationContextId").asText();
            String now = tenant.resourceAction(action).map(a -> a.path("authenticationContextId").asText("")).orElse("");
            if (!now.isEmpty() && !now.equals(want)) changes.add(action + ": bound to " + now + " instead of " + want);
            else if (on && now.isEmpty()) changes.add(action + ": not bound although '" + policy + "' is On");
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(new Drift("protected actions", changes, true));
    }
}
