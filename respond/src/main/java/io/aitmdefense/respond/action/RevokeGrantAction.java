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
 * Deletes the user's delegated grants to the consented app ({@code consentType Principal}, this user). Grants of the
 * same app to other users, and tenant-wide admin consent, are left to the service-principal step, which needs
 * approval. The deleted grant's JSON is in the audit trail's "before", so it can be re-POSTed.
 */
public final class RevokeGrantAction implements Action {
    private final String user;
    private final Target.Consent consent;

    public RevokeGrantAction(String user, Target.Consent consent) {
        this.user = user;
        this.consent = consent;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply sp = ServicePrincipalLookup.find(api, consent);
        if (sp.notFound()) {
            return new Observation(Observation.State.NOT_FOUND, sp.body(), List.of(), "no service principal for app "
                    + consent.appId() + " in the tenant: no grant can exist", sp);
        }
        if (!sp.ok()) return Observation.unreadable(sp);
        String spId = sp.body().path("id").asText();
        Reply r = api.call(Call.get("/v1.0/users/" + Query.seg(user) + "/oauth2PermissionGrants"));
        if (!r.ok()) return Observation.unreadable(r);
        List<JsonNode> grants = new ArrayList<>();
        for (JsonNode g : r.body().path("value")) {
            boolean logged = consent.grantIds().contains(g.path("id").asText());
            if (logged || spId.equals(g.path("clientId").asText())) grants.add(g);
        }
        var snapshot = Json.MAPPER.createArrayNode().addAll(grants);
        List<String> ids = grants.stream().map(g -> g.path("id").asText()).toList();
        if (grants.isEmpty()) {
            return new Observation(Observation.State.DONE, snapshot, List.of(), "no grant of " + user + " to "
                    + label() + " (" + spId + ")", r);
        }
        StringBuilder d = new StringBuilder();
        for (JsonNode g : grants) {
            d.append(d.isEmpty() ? "" : "; ").append("grant ").append(g.path("id").asText()).append(" scope \"")
                    .append(g.path("scope").asText().strip()).append('"');
        }
        return new Observation(Observation.State.TODO, snapshot, ids, d + " to " + label(), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return before.ids().stream().map(id -> Call.delete("/v1.0/oauth2PermissionGrants/" + Query.seg(id))).toList();
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → deleted";
    }

    private String label() {
        return consent.appName().isEmpty() ? consent.appId() : consent.appName();
    }
}
