package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes the user's app role assignments to the consented app ({@code DELETE /users/{id}/appRoleAssignments/{id}}):
 * consenting can also assign the user to the app, and the assignment outlives the grant's removal. Only assignments
 * whose {@code resourceId} is that app's service principal are touched; the user's assignments to other apps stay.
 * The deleted assignment's JSON is in the audit trail's "before", so it can be re-POSTed.
 */
public final class RemoveAppRoleAssignmentsAction implements Action {
    private final String user;
    private final Target.Consent consent;

    public RemoveAppRoleAssignmentsAction(String user, Target.Consent consent) {
        this.user = user;
        this.consent = consent;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply sp = ServicePrincipalLookup.find(api, consent);
        if (sp.notFound()) {
            return new Observation(Observation.State.NOT_FOUND, sp.body(), List.of(), "no service principal for app "
                    + consent.appId() + " in the tenant: no assignment can exist", sp);
        }
        if (!sp.ok()) return Observation.unreadable(sp);
        String spId = sp.body().path("id").asText();
        Reply r = api.call(Call.get(base() + "?$filter=" + Query.enc("resourceId eq " + spId)));
        if (!r.ok()) return Observation.unreadable(r);
        List<JsonNode> mine = new ArrayList<>();
        // filtered again here: the filter narrows the read, this decides what is deleted
        for (JsonNode a : r.body().path("value")) if (spId.equals(a.path("resourceId").asText())) mine.add(a);
        var snapshot = Json.MAPPER.createArrayNode().addAll(mine);
        if (mine.isEmpty()) {
            return new Observation(Observation.State.DONE, snapshot, List.of(), "no app role assignment of " + user + " to "
                    + label() + " (" + spId + ")", r);
        }
        StringBuilder d = new StringBuilder();
        for (JsonNode a : mine) {
            d.append(d.isEmpty() ? "" : "; ").append("assignment ").append(a.path("id").asText()).append(" role ")
                    .append(a.path("appRoleId").asText()).append(" since ").append(a.path("createdDateTime").asText("?"));
        }
        return new Observation(Observation.State.TODO, snapshot, mine.stream().map(a -> a.path("id").asText()).toList(),
                d + " to " + label(), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return before.ids().stream().map(id -> Call.delete(base() + "/" + Query.seg(id))).toList();
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → deleted";
    }

    private String base() {
        return "/v1.0/users/" + Query.seg(user) + "/appRoleAssignments";
    }

    private String label() {
        return consent.appName().isEmpty() ? consent.appId() : consent.appName();
    }
}
