package io.aitmdefense.respond.action;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;

import java.util.List;

/**
 * Marks the user compromised in Identity Protection (Entra ID P2), so user-risk policies apply.
 * Read: {@code GET /identityProtection/riskyUsers/{id}} ({@code riskState}); a 404 means "never risky": still to do.
 */
public final class ConfirmCompromisedAction implements Action {
    private final String userId;

    public ConfirmCompromisedAction(String userId) {
        this.userId = userId;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get("/v1.0/identityProtection/riskyUsers/" + Query.seg(userId)));
        if (r.notFound()) return new Observation(Observation.State.TODO, r.body(), List.of(userId), "riskState none", r);
        if (!r.ok()) return Observation.unreadable(r);
        String state = r.body().path("riskState").asText("none");
        return new Observation("confirmedCompromised".equals(state) ? Observation.State.DONE : Observation.State.TODO,
                r.body(), List.of(userId), "riskState " + state, r);
    }

    @Override
    public List<Call> writes(Observation before) {
        var body = Json.object();
        body.putArray("userIds").add(userId);
        return List.of(Call.postIdempotent("/v1.0/identityProtection/riskyUsers/confirmCompromised", body));
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → riskState confirmedCompromised";
    }
}
