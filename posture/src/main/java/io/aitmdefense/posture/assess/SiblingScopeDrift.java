package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.UserCondition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * AITM-CA-025: sibling policies for one persona whose scopes differ by a little. A deliberate difference is usually
 * large (a policy for Global Administrators only beside one for fourteen roles); a list that lacks one or two of what
 * its siblings hold is a copy that drifted. Two kinds of siblings are compared:
 * <ul>
 *   <li>policies whose included roles and groups overlap (at least half of the smaller list): who they target;</li>
 *   <li>policies with the same users whose explicit app (or platform) lists overlap the same way: what they cover.</li>
 * </ul>
 * A policy is reported when it lacks at most a quarter of what its siblings together hold (at least one item, of at
 * least three). Block and token-protection policies are left out of the apps and platforms comparison: they are
 * narrow on purpose.
 */
final class SiblingScopeDrift implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-025", Severity.MEDIUM,
            "Sibling policies for one persona differ slightly in scope",
            "Policies for one persona are usually written as a family (MFA, compliant device, risk, sign-in frequency "
                    + "for admins) and edited one at a time. When one of them lacks a role, group, app or platform that "
                    + "its siblings include, the persona is protected by all of the family everywhere except there: "
                    + "an Exchange Administrator without the device requirement, Android without the strength. "
                    + "Attackers look for exactly that one account or platform.",
            "Make the family's scopes identical: add the missing roles, groups, apps or platforms to the policy (or "
                    + "remove them from its siblings if the difference is deliberate, and say why in the policy's "
                    + "description); better, target the persona with one group or role list reused by every policy.");

    private static final double SMALL_DIFFERENCE = 0.25;
    private static final int MIN_UNION = 3;

    @Override
    public Check check() {
        return Check.SIBLING_SCOPE_DRIFT;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<ConditionalAccessPolicy> live = context.live();
        List<Finding> out = new ArrayList<>();
        compare(context, live, SiblingScopeDrift::principals, (a, b) -> overlapping(principals(a), principals(b)),
                "roles and groups", out);
        List<ConditionalAccessPolicy> scoped = live.stream().filter(p -> !narrowOnPurpose(p)).toList();
        compare(context, scoped, SiblingScopeDrift::apps, (a, b) -> sameUsers(a, b) && overlapping(apps(a), apps(b)),
                "apps", out);
        compare(context, scoped, SiblingScopeDrift::platforms, (a, b) -> sameUsers(a, b)
                && overlapping(platforms(a), platforms(b)), "platforms", out);
        return out;
    }

    private interface Siblings {
        boolean test(ConditionalAccessPolicy a, ConditionalAccessPolicy b);
    }

    private void compare(CheckContext context, List<ConditionalAccessPolicy> policies,
                         Function<ConditionalAccessPolicy, Set<String>> scope, Siblings siblings, String dimension,
                         List<Finding> out) {
        for (ConditionalAccessPolicy p : policies) {
            List<ConditionalAccessPolicy> family = policies.stream().filter(o -> o != p && siblings.test(p, o)).toList();
            if (family.isEmpty()) continue;
            Set<String> union = new LinkedHashSet<>(scope.apply(p));
            family.forEach(o -> union.addAll(scope.apply(o)));
            Set<String> missing = new LinkedHashSet<>(union);
            missing.removeAll(scope.apply(p));
            if (missing.isEmpty() || union.size() < MIN_UNION || missing.size() > Math.max(1, union.size() * SMALL_DIFFERENCE)) {
                continue;
            }
            List<ConditionalAccessPolicy> having = family.stream()
                    .filter(o -> !Collections.disjoint(scope.apply(o), missing)).toList();
            List<String> names = new ArrayList<>(List.of(p.label()));
            having.forEach(o -> names.add(o.label()));
            out.add(new Finding(check(), p.label() + " lacks " + missing.stream().map(id -> display(context, id))
                    .collect(Collectors.joining(", ")) + " from the " + dimension + " its sibling" + (having.size() == 1 ? " " : "s ")
                    + having.stream().map(ConditionalAccessPolicy::label).collect(Collectors.joining(", "))
                    + (having.size() == 1 ? " targets" : " target") + ".", names));
        }
    }

    private static String display(CheckContext context, String key) {
        int colon = key.indexOf(':');
        if (colon < 0) return key;
        String kind = key.substring(0, colon);
        String id = key.substring(colon + 1);
        return (kind.equals("role") ? "role " : "group ") + context.describe(id);
    }

    /** Included roles and groups, prefixed by kind so a role and a group never compare equal. */
    static Set<String> principals(ConditionalAccessPolicy p) {
        Set<String> out = new LinkedHashSet<>();
        p.conditions().users().includeRoles().forEach(r -> out.add("role:" + r.toLowerCase(Locale.ROOT)));
        p.conditions().users().includeGroups().forEach(g -> out.add("group:" + g.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static boolean overlapping(Set<String> a, Set<String> b) {
        if (a.size() < 2 || b.size() < 2) return false;
        long shared = a.stream().filter(b::contains).count();
        return shared * 2 >= Math.min(a.size(), b.size());
    }

    /** Explicitly listed apps; All, None and an empty list are no list to compare. */
    static Set<String> apps(ConditionalAccessPolicy p) {
        List<String> include = p.conditions().applications().includeApplications();
        if (include.stream().anyMatch(a -> a.equalsIgnoreCase("All") || a.equalsIgnoreCase("None"))) return Set.of();
        return lower(include);
    }

    static Set<String> platforms(ConditionalAccessPolicy p) {
        Set<Platform> include = p.conditions().platforms().includePlatforms();
        if (include.contains(Platform.ALL)) return Set.of();
        return include.stream().map(Platform::graphName).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static boolean sameUsers(ConditionalAccessPolicy a, ConditionalAccessPolicy b) {
        UserCondition x = a.conditions().users();
        UserCondition y = b.conditions().users();
        return lower(x.includeUsers()).equals(lower(y.includeUsers())) && lower(x.includeGroups()).equals(lower(y.includeGroups()))
                && lower(x.includeRoles()).equals(lower(y.includeRoles()))
                && x.includeGuestsOrExternalUsers().equals(y.includeGuestsOrExternalUsers());
    }

    private static boolean narrowOnPurpose(ConditionalAccessPolicy p) {
        return p.sessionControls().tokenProtection()
                || p.grantControls().map(g -> g.builtInControls().contains(BuiltInControl.BLOCK)).orElse(false)
                || !p.conditions().applications().includeUserActions().isEmpty()
                || !p.conditions().applications().includeAuthenticationContextClassReferences().isEmpty();
    }

    private static Set<String> lower(Collection<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
