package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;

import java.util.List;
import java.util.Optional;

/**
 * What a replayed cookie or refresh token gets for one persona and target, and what the real user gets.
 * {@code attacker} is the most permissive of the attacker's variants (Linux or Windows, browser cookie or desktop
 * refresh token); {@code variants} holds each. {@code fromAllowedCountry} is the same replay from a host in a country
 * the policies allow, present when the tenant uses country locations. {@code note} states an assumption, if any.
 */
public record ReplayResult(
        Persona persona,
        Target target,
        Verdict attacker,
        List<Variant> variants,
        Optional<Verdict> fromAllowedCountry,
        Verdict legitimate,
        Optional<String> note) {

    public ReplayResult {
        variants = List.copyOf(variants);
    }

    public record Variant(Platform platform, ClientAppType client, Verdict verdict) {
    }

    /** True when the replay gets in, directly or from a host in an allowed country. */
    public boolean attackerGetsIn() {
        return attacker.outcome() == Outcome.GRANTED
                || fromAllowedCountry.map(v -> v.outcome() == Outcome.GRANTED).orElse(false);
    }

    /** Stopped only by a country allow-list that in-country hosting defeats. */
    public boolean stoppedOnlyByLocation() {
        return attacker.outcome() != Outcome.GRANTED
                && fromAllowedCountry.map(v -> v.outcome() == Outcome.GRANTED).orElse(false);
    }
}
