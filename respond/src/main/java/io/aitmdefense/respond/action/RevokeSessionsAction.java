package io.aitmdefense.respond.action;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Revokes the user's sessions. Done when {@code signInSessionsValidFromDateTime} is after the attacker's last activity:
 * every token the attacker held was issued before it. Deciding from that timestamp, never from "was it run before",
 * keeps a re-run from cutting the real user's new sessions after re-enable (§11.2).
 */
public final class RevokeSessionsAction implements Action {
    private final String user;
    private final Instant lastActivity;

    public RevokeSessionsAction(String user, Instant lastActivity) {
        this.user = user;
        this.lastActivity = lastActivity;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get("/v1.0/users/" + Query.seg(user) + "?$select=id,signInSessionsValidFromDateTime"));
        if (!r.ok()) return Observation.unreadable(r);
        Optional<Instant> from = Json.instant(r.body(), "signInSessionsValidFromDateTime");
        boolean done = from.filter(t -> t.isAfter(lastActivity)).isPresent();
        return new Observation(done ? Observation.State.DONE : Observation.State.TODO, r.body(), List.of(),
                "sessions valid from " + from.map(Instant::toString).orElse("(never revoked)"), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return List.of(Call.post("/v1.0/users/" + Query.seg(user) + "/revokeSignInSessions", null));
    }

    @Override
    public String change(Observation before) {
        return "signInSessionsValidFromDateTime: " + before.detail().replace("sessions valid from ", "")
                + " → now (after the attacker's last activity " + lastActivity + ")";
    }
}
