package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;

import java.util.ArrayList;
import java.util.List;

/** AITM-CA-019: device-code sign-in from the victim’s network hands the attacker working tokens. */
final class DeviceCodeNotBlocked implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-019", Severity.HIGH,
            "Device-code flow is not blocked",
            "Device-code phishing (Storm-2372) has the victim enter an attacker's code at microsoft.com/devicelogin; "
                    + "the attacker receives the tokens, MFA included, without any proxy.",
            "Enforce a policy for All users on All resources with authentication flows = device code flow (and "
                    + "authentication transfer), grant = block; exclude only the break-glass group and the few "
                    + "accounts that really need device code (meeting-room devices).");

    @Override
    public Check check() {
        return Check.DEVICE_CODE_NOT_BLOCKED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<String> open = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            // The victim completes device-code sign-in on their own network; the tokens go to the attacker's device.
            SignInCase c = context.replay().attackerCase(persona, new Access.Resource(Target.EXCHANGE_ONLINE))
                    .with(context.networks().legitimate()).withFlow(TransferMethod.DEVICE_CODE_FLOW);
            c = new SignInCase(c.persona(), c.user(), c.access(), Platform.WINDOWS, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS,
                    c.network(), c.device(), RiskLevel.NONE, RiskLevel.NONE, c.authenticationFlow());
            if (context.evaluator().evaluate(c, Holder.ATTACKER_REPLAY).outcome() == Outcome.GRANTED) open.add(persona.label());
        }
        if (open.isEmpty()) return List.of();
        return List.of(new Finding(check(), "Device-code sign-in succeeds for " + String.join(", ", open) + ".",
                context.policiesWith(p -> p.conditions().transferMethods().contains(TransferMethod.DEVICE_CODE_FLOW))));
    }
}
