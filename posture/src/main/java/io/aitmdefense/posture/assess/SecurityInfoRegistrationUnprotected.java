package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.UserAction;

import java.util.ArrayList;
import java.util.List;

/** AITM-CA-020: a replayed session registers new security information. */
final class SecurityInfoRegistrationUnprotected implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-020", Severity.HIGH,
            "Registering security information is not protected",
            "With a replayed session the attacker registers their own authenticator or passkey and keeps access after "
                    + "the password is reset. The user action 'Register security information' needs its own policy.",
            "Enforce a policy on user action urn:user:registersecurityinfo requiring a compliant device, a trusted "
                    + "location or the phishing-resistant strength for All users (break-glass excluded); issue "
                    + "Temporary Access Passes for first registration.");

    @Override
    public Check check() {
        return Check.SECURITY_INFO_REGISTRATION_UNPROTECTED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<String> open = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS)) {
            SignInCase c = context.replay().attackerCase(persona, new Access.Action(UserAction.REGISTER_SECURITY_INFORMATION));
            boolean granted = false;
            for (Platform platform : ReplaySimulation.ATTACKER_PLATFORMS) {
                granted |= context.evaluator().evaluate(c.with(platform, ClientAppType.BROWSER), Holder.ATTACKER_REPLAY)
                        .outcome() == Outcome.GRANTED;
            }
            if (granted) open.add(persona.label());
        }
        if (open.isEmpty()) return List.of();
        return List.of(new Finding(check(), "A replayed session registers new security information for "
                + String.join(", ", open) + ".", context.policiesWith(p -> p.conditions().applications().includeUserActions()
                .contains(UserAction.REGISTER_SECURITY_INFORMATION))));
    }
}
