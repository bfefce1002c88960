package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Optional;

/** Workload identities a policy targets ({@code ServicePrincipalsInMyTenant} or ids). */
public record ClientApplicationCondition(
        List<String> includeServicePrincipals,
        List<String> excludeServicePrincipals,
        Optional<FilterRule> servicePrincipalFilter) {

    public static final ClientApplicationCondition NONE =
            new ClientApplicationCondition(List.of(), List.of(), Optional.empty());

    public ClientApplicationCondition {
        includeServicePrincipals = List.copyOf(includeServicePrincipals);
        excludeServicePrincipals = List.copyOf(excludeServicePrincipals);
    }

    public boolean configured() {
        return !includeServicePrincipals.isEmpty();
    }
}
