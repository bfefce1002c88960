package io.aitmdefense.respond.action;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.util.List;

/**
 * Disables the consented app's service principal tenant-wide ({@code accountEnabled false}): disabled rather than
 * deleted, so a later consent by another user cannot bring it back (Microsoft's app-consent playbook).
 */
public final class DisableAppAction implements Action {
    private final Target.Consent consent;

    public DisableAppAction(Target.Consent consent) {
        this.consent = consent;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = ServicePrincipalLookup.find(api, consent);
        if (r.notFound()) {
            return new Observation(Observation.State.NOT_FOUND, r.body(), List.of(), "no service principal for app "
                    + consent.appId() + " in the tenant", r);
        }
        if (!r.ok()) return Observation.unreadable(r);
        boolean enabled = r.body().path("accountEnabled").asBoolean(true);
        String id = r.body().path("id").asText();
        return new Observation(enabled ? Observation.State.TODO : Observation.State.DONE, r.body(), List.of(id),
                "service principal " + r.body().path("displayName").asText() + " " + id + " accountEnabled " + enabled, r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return before.ids().stream().map(id -> Call.patch("/v1.0/servicePrincipals/" + Query.seg(id),
                Json.object().put("accountEnabled", false))).toList();
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → accountEnabled false";
    }
}
