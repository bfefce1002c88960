package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PlatformCondition;
import io.aitmdefense.posture.model.UserCondition;
import io.aitmdefense.posture.whatif.WellKnownApps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AITM-CA-028: an exclusion that removes nothing, or conditions that exclude everything they include. Both come from
 * edits that went half way (an app moved out of the include list, a platform split) and hide what the author meant.
 */
final class IneffectiveCondition implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-028", Severity.LOW,
            "A policy condition or exclusion can never take effect",
            "Exclude beats include, and conditions are ANDed: an exclusion of something the policy never includes "
                    + "(an app outside the included apps, a platform it does not target, a workload identity on a policy "
                    + "for users, an app on a user-action or auth-context policy) removes nothing, and a policy that "
                    + "excludes everything it includes never applies. Either way the policy is not what its author "
                    + "believes: the exemption someone asked for is not there, or the protection is not.",
            "Compare the policy with its intent: move the exclusion to the policy that actually includes that app, "
                    + "platform or identity, or delete it; for a policy that can never apply, correct the include list "
                    + "(What If shows 'policy applies' once it is right) or delete the policy.");

    @Override
    public Check check() {
        return Check.INEFFECTIVE_CONDITION;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.live()) {
            List<String> inert = new ArrayList<>();
            List<String> never = new ArrayList<>();
            applications(p.conditions().applications(), inert, never);
            platforms(p.conditions().platforms(), inert, never);
            if (!p.conditions().clientApplications().excludeServicePrincipals().isEmpty()
                    && !p.conditions().clientApplications().configured()
                    && p.conditions().clientApplications().servicePrincipalFilter().isEmpty()) {
                inert.add("excludes workload identities (" + String.join(", ",
                        p.conditions().clientApplications().excludeServicePrincipals()) + ") but targets users, not "
                        + "workload identities");
            }
            List<String> include = p.conditions().locations().includeLocations();
            if (!include.isEmpty() && include.stream().noneMatch(l -> l.equalsIgnoreCase("All"))
                    && lower(p.conditions().locations().excludeLocations()).containsAll(lower(include))) {
                never.add("excludes every location it includes");
            }
            users(p.conditions().users(), never);
            if (!never.isEmpty()) {
                out.add(new Finding(check(), Severity.MEDIUM, p.label() + " can never apply: " + String.join("; ", never)
                        + ".", List.of(p.label())));
            } else if (!inert.isEmpty()) {
                out.add(new Finding(check(), p.label() + " " + String.join("; ", inert) + ": the exclusion does nothing.",
                        List.of(p.label())));
            }
        }
        return out;
    }

    private static void applications(ApplicationCondition apps, List<String> inert, List<String> never) {
        List<String> include = apps.includeApplications();
        List<String> exclude = apps.excludeApplications();
        if (exclude.isEmpty()) return;
        if (include.isEmpty() || include.stream().allMatch("None"::equalsIgnoreCase)) {
            if (!apps.includeUserActions().isEmpty() || !apps.includeAuthenticationContextClassReferences().isEmpty()) {
                inert.add("excludes apps (" + String.join(", ", exclude) + ") but targets a user action or an "
                        + "authentication context, not apps");
            }
            return;
        }
        if (include.stream().anyMatch("All"::equalsIgnoreCase)) return;
        // App groups (Office365, MicrosoftAdminPortals) have members we only partly know: judge plain app ids only.
        boolean groups = include.stream().anyMatch(IneffectiveCondition::appGroup);
        List<String> outside = groups ? List.of() : exclude.stream().filter(e -> !appGroup(e))
                .filter(e -> include.stream().noneMatch(e::equalsIgnoreCase)).toList();
        if (!outside.isEmpty()) {
            inert.add("excludes " + String.join(", ", outside) + ", which its included apps (" + String.join(", ", include)
                    + ") do not contain");
        }
        boolean everyIncludedExcluded = include.stream().allMatch(i -> exclude.stream()
                .anyMatch(e -> WellKnownApps.covers(e, i)));
        if (everyIncludedExcluded) never.add("excludes every app it includes");
    }

    private static boolean appGroup(String app) {
        return app.equalsIgnoreCase(WellKnownApps.OFFICE_365_GROUP) || app.equalsIgnoreCase(WellKnownApps.ADMIN_PORTALS_GROUP);
    }

    private static void platforms(PlatformCondition platforms, List<String> inert, List<String> never) {
        Set<Platform> include = platforms.includePlatforms();
        Set<Platform> exclude = platforms.excludePlatforms();
        if (include.isEmpty() || exclude.isEmpty() || include.contains(Platform.ALL)) return;
        if (exclude.contains(Platform.ALL) || exclude.containsAll(include)) {
            never.add("excludes every platform it includes");
            return;
        }
        List<String> outside = exclude.stream().filter(e -> !include.contains(e)).map(Platform::graphName).sorted().toList();
        if (!outside.isEmpty()) {
            inert.add("excludes platform " + String.join(", ", outside) + ", which it does not include ("
                    + include.stream().map(Platform::graphName).sorted().collect(Collectors.joining(", ")) + ")");
        }
    }

    private static void users(UserCondition u, List<String> never) {
        if (u.includesAllUsers() || u.includeGuestsOrExternalUsers().isPresent()) return;
        List<String> included = new ArrayList<>(u.includeUsers());
        included.addAll(u.includeGroups());
        included.addAll(u.includeRoles());
        included.removeIf("None"::equalsIgnoreCase);
        if (included.isEmpty()) return;
        List<String> excluded = new ArrayList<>(u.excludeUsers());
        excluded.addAll(u.excludeGroups());
        excluded.addAll(u.excludeRoles());
        if (lower(excluded).containsAll(lower(included))) never.add("excludes every user, group and role it includes");
    }

    private static Set<String> lower(Collection<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
