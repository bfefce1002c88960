package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;

import java.util.Optional;

/** One hypothetical sign-in the assessment evaluates, like a What If request. */
public record SignInCase(
        Persona persona,
        DirectoryUser user,
        Access access,
        Platform platform,
        ClientAppType clientApp,
        Network network,
        DeviceState device,
        RiskLevel signInRisk,
        RiskLevel userRisk,
        Optional<TransferMethod> authenticationFlow) {

    public SignInCase with(Access other) {
        return new SignInCase(persona, user, other, platform, clientApp, network, device, signInRisk, userRisk,
                authenticationFlow);
    }

    public SignInCase with(Platform other, ClientAppType client) {
        return new SignInCase(persona, user, access, other, client, network, device, signInRisk, userRisk,
                authenticationFlow);
    }

    public SignInCase with(Network other) {
        return new SignInCase(persona, user, access, platform, clientApp, other, device, signInRisk, userRisk,
                authenticationFlow);
    }

    public SignInCase withFlow(TransferMethod flow) {
        return new SignInCase(persona, user, access, platform, clientApp, network, device, signInRisk, userRisk,
                Optional.of(flow));
    }
}
