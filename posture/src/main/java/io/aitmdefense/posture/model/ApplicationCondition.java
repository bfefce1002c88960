package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a policy targets: resources (app ids or {@code All}, {@code None}, {@code Office365},
 * {@code MicrosoftAdminPortals}), user actions, or authentication contexts ({@code c1}..{@code c99}).
 */
public record ApplicationCondition(
        List<String> includeApplications,
        List<String> excludeApplications,
        Set<UserAction> includeUserActions,
        List<String> includeAuthenticationContextClassReferences,
        Optional<FilterRule> applicationFilter) {

    public static final ApplicationCondition NONE =
            new ApplicationCondition(List.of(), List.of(), Set.of(), List.of(), Optional.empty());

    public ApplicationCondition {
        includeApplications = List.copyOf(includeApplications);
        excludeApplications = List.copyOf(excludeApplications);
        includeUserActions = Set.copyOf(includeUserActions);
        includeAuthenticationContextClassReferences = List.copyOf(includeAuthenticationContextClassReferences);
    }
}
