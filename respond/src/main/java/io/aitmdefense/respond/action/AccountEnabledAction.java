package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;

import java.util.List;

/** Disables the account (step 1) or, on an analyst's word, enables it again: {@code PATCH /users/{id}}. */
public final class AccountEnabledAction implements Action {
    private final String user;
    private final boolean enabled;

    public AccountEnabledAction(String user, boolean enabled) {
        this.user = user;
        this.enabled = enabled;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get("/v1.0/users/" + Query.seg(user) + "?$select=id,accountEnabled,onPremisesSyncEnabled"));
        if (!r.ok()) return Observation.unreadable(r);
        JsonNode now = r.body().path("accountEnabled");
        boolean current = now.asBoolean(true);
        return new Observation(current == enabled ? Observation.State.DONE : Observation.State.TODO, r.body(),
                List.of(r.body().path("id").asText(user)), "accountEnabled " + current, r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return List.of(Call.patch("/v1.0/users/" + Query.seg(user), Json.object().put("accountEnabled", enabled)));
    }

    @Override
    public String change(Observation before) {
        return "accountEnabled: " + !enabled + " → " + enabled;
    }
}
