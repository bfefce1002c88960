package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** AITM-CA-018: a password alone signs in over Exchange ActiveSync or other legacy clients. */
final class LegacyAuthNotBlocked implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-018", Severity.HIGH,
            "Legacy authentication is not blocked",
            "Exchange ActiveSync and other legacy protocols cannot do MFA, so a password captured by the phishing page "
                    + "is enough on its own, and no session cookie is needed.",
            "Enforce a policy for All users on All resources with client apps = exchangeActiveSync and other, grant = "
                    + "block; exclude only the break-glass group.");

    @Override
    public Check check() {
        return Check.LEGACY_AUTH_NOT_BLOCKED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<String> open = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            for (ClientAppType legacy : List.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)) {
                SignInCase c = context.replay().attackerCase(persona, new Access.Resource(Target.EXCHANGE_ONLINE))
                        .with(Platform.WINDOWS, legacy).with(context.everydayNetwork());
                c = new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(), c.device(),
                        RiskLevel.NONE, RiskLevel.NONE, Optional.empty());
                if (context.evaluator().evaluate(c, Holder.PASSWORD_ONLY).outcome() == Outcome.GRANTED) {
                    open.add(persona.label() + " via " + legacy.graphName());
                }
            }
        }
        if (open.isEmpty()) return List.of();
        return List.of(new Finding(check(), "A password alone signs in over legacy protocols: " + String.join(", ", open)
                + ".", context.policiesWith(p -> p.conditions().clientAppTypes().contains(ClientAppType.EXCHANGE_ACTIVE_SYNC)
                || p.conditions().clientAppTypes().contains(ClientAppType.OTHER))));
    }
}
