package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.InsiderRiskLevel;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * One sign-in to evaluate, like What If's request. An empty Optional means "not known": a policy whose decision
 * depends on it is reported as {@link Applicability#NOT_ENOUGH_INFORMATION}. Risk levels default to
 * {@link RiskLevel#NONE} in {@link #of}; {@code authenticationFlow} empty means an ordinary interactive sign-in.
 * {@code namedLocationIds} lets a caller state the locations directly (e.g. the compliant-network location) when no IP
 * is given. {@code satisfiedMethods} are the methods the user performs in this sign-in.
 */
public record SignInScenario(
        DirectoryUser user,
        SignInTarget target,
        Optional<ClientAppType> clientAppType,
        Optional<Platform> platform,
        Optional<InetAddress> ipAddress,
        Optional<String> country,
        Set<String> namedLocationIds,
        Optional<DeviceInfo> device,
        Optional<RiskLevel> signInRisk,
        Optional<RiskLevel> userRisk,
        Optional<InsiderRiskLevel> insiderRisk,
        Optional<TransferMethod> authenticationFlow,
        Set<AuthenticationMethodMode> satisfiedMethods,
        Set<SatisfiedControl> satisfiedControls) {

    public SignInScenario {
        namedLocationIds = Set.copyOf(namedLocationIds);
        satisfiedMethods = Set.copyOf(satisfiedMethods);
        satisfiedControls = Set.copyOf(satisfiedControls);
    }

    /** A sign-in with no risk and nothing else known; refine it with the {@code with…} methods. */
    public static SignInScenario of(DirectoryUser user, SignInTarget target) {
        return new SignInScenario(user, target, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Optional.empty(), Optional.of(RiskLevel.NONE), Optional.of(RiskLevel.NONE),
                Optional.empty(), Optional.empty(), Set.of(), Set.of());
    }

    public SignInScenario withClientApp(ClientAppType c) {
        return new SignInScenario(user, target, Optional.of(c), platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withPlatform(Platform p) {
        return new SignInScenario(user, target, clientAppType, Optional.of(p), ipAddress, country, namedLocationIds,
                device, signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withIp(InetAddress ip) {
        return new SignInScenario(user, target, clientAppType, platform, Optional.of(ip), country, namedLocationIds,
                device, signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withCountry(String cc) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, Optional.of(cc), namedLocationIds,
                device, signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withNamedLocations(Set<String> ids) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, ids, device, signInRisk,
                userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withDevice(DeviceInfo d) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds,
                Optional.of(d), signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods,
                satisfiedControls);
    }

    public SignInScenario withSignInRisk(RiskLevel r) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                Optional.of(r), userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withUserRisk(RiskLevel r) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, Optional.of(r), insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withInsiderRisk(InsiderRiskLevel r) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, Optional.of(r), authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withAuthenticationFlow(TransferMethod t) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, insiderRisk, Optional.of(t), satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withMethods(Set<AuthenticationMethodMode> methods) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, insiderRisk, authenticationFlow, methods, satisfiedControls);
    }

    public SignInScenario withControls(Set<SatisfiedControl> controls) {
        return new SignInScenario(user, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, controls);
    }

    public SignInScenario withUser(DirectoryUser u) {
        return new SignInScenario(u, target, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }

    public SignInScenario withTarget(SignInTarget t) {
        return new SignInScenario(user, t, clientAppType, platform, ipAddress, country, namedLocationIds, device,
                signInRisk, userRisk, insiderRisk, authenticationFlow, satisfiedMethods, satisfiedControls);
    }
}
