package io.aitmdefense.respond.action;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sets a random password nobody sees, with a forced change at next sign-in: the attacker's captured password stops
 * working, and the user comes back through self-service reset or a Temporary Access Pass. Done when the password
 * changed after the attacker's first activity. Never idempotent: every call sets another password, so the call is
 * never retried, and after a lost answer the read-back of {@code lastPasswordChangeDateTime} decides.
 */
public final class ResetPasswordAction implements Action {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final Instant firstActivity;

    public ResetPasswordAction(String user, Instant firstActivity) {
        this.user = user;
        this.firstActivity = firstActivity;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get("/v1.0/users/" + Query.seg(user) + "?$select=id,lastPasswordChangeDateTime,onPremisesSyncEnabled"));
        if (!r.ok()) return Observation.unreadable(r);
        Optional<Instant> changed = Json.instant(r.body(), "lastPasswordChangeDateTime");
        boolean done = changed.filter(t -> t.isAfter(firstActivity)).isPresent();
        return new Observation(done ? Observation.State.DONE : Observation.State.TODO, r.body(), List.of(),
                "password last changed " + changed.map(Instant::toString).orElse("(unknown)"), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        var body = Json.object();
        body.putObject("passwordProfile").put("forceChangePasswordNextSignIn", true).put("password", generate());
        return List.of(Call.patch("/v1.0/users/" + Query.seg(user), body).notIdempotent());
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → now, with a change forced at next sign-in";
    }

    /** 24 characters from four classes: well beyond Entra's complexity rule, and never written anywhere. */
    private static String generate() {
        StringBuilder b = new StringBuilder("Aa9!");
        for (int i = 0; i < 20; i++) b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return b.toString();
    }
}
