package io.aitmdefense.posture.model;

import java.util.Set;

/**
 * {@code conditionalAccessConditionSet}. Every condition is ANDed; an empty set or {@code NONE} record means the
 * condition is not configured and does not narrow the policy (null, [] and a missing key all read that way).
 */
public record Conditions(
        UserCondition users,
        ApplicationCondition applications,
        Set<ClientAppType> clientAppTypes,
        PlatformCondition platforms,
        LocationCondition locations,
        DeviceCondition devices,
        Set<RiskLevel> signInRiskLevels,
        Set<RiskLevel> userRiskLevels,
        Set<InsiderRiskLevel> insiderRiskLevels,
        Set<RiskLevel> servicePrincipalRiskLevels,
        Set<RiskLevel> agentIdRiskLevels,
        ClientApplicationCondition clientApplications,
        Set<TransferMethod> transferMethods) {

    public static final Conditions NONE = new Conditions(UserCondition.NONE, ApplicationCondition.NONE, Set.of(),
            PlatformCondition.NONE, LocationCondition.NONE, DeviceCondition.NONE, Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of(), ClientApplicationCondition.NONE, Set.of());

    public Conditions {
        clientAppTypes = Set.copyOf(clientAppTypes);
        signInRiskLevels = Set.copyOf(signInRiskLevels);
        userRiskLevels = Set.copyOf(userRiskLevels);
        insiderRiskLevels = Set.copyOf(insiderRiskLevels);
        servicePrincipalRiskLevels = Set.copyOf(servicePrincipalRiskLevels);
        agentIdRiskLevels = Set.copyOf(agentIdRiskLevels);
        transferMethods = Set.copyOf(transferMethods);
    }
}
