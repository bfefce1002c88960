package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.UserCondition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AITM-CA-026: one group or role excluded from several policies, so whoever is exempted from one control is
 * silently exempted from the others. Break-glass is meant to be excluded everywhere and is left out, as is the
 * Directory Synchronization Accounts role (Maester MT.1020 asks for its exclusion).
 */
final class SharedExclusion implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-026", Severity.MEDIUM,
            "One exclusion exempts from several policies",
            "An exclusion group made for one exception (a vendor app that cannot do MFA, a kiosk that cannot be "
                    + "compliant) and reused on other policies exempts its members from every one of them: adding "
                    + "someone for one reason removes several controls, and an attacker who can change that group's "
                    + "membership turns several policies off at once.",
            "Give every policy its own exclusion group named after it (for example 'CA004-Exclude'), with an owner and "
                    + "an access review; keep only the break-glass group shared; protect the CA groups with a "
                    + "restricted-management administrative unit and alert on their membership changes.");

    @Override
    public Check check() {
        return Check.SHARED_EXCLUSION;
    }

    private record Excluded(String kind, String id) {
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        Map<Excluded, Map<String, ConditionalAccessPolicy>> byObject = new LinkedHashMap<>();
        for (ConditionalAccessPolicy p : context.live()) {
            UserCondition u = p.conditions().users();
            u.excludeGroups().forEach(id -> add(byObject, "group", id, p));
            u.excludeRoles().forEach(id -> add(byObject, "role", id, p));
        }
        // Objects excluded from the same policies are one finding: one decision to reuse them.
        Map<Set<String>, List<Excluded>> byPolicies = new LinkedHashMap<>();
        Map<Set<String>, List<ConditionalAccessPolicy>> policiesOf = new LinkedHashMap<>();
        byObject.forEach((object, policies) -> {
            if (policies.size() < 2 || exempt(context, object)) return;
            byPolicies.computeIfAbsent(policies.keySet(), k -> new ArrayList<>()).add(object);
            policiesOf.putIfAbsent(policies.keySet(), List.copyOf(policies.values()));
        });
        List<Finding> out = new ArrayList<>();
        byPolicies.forEach((key, objects) -> {
            List<ConditionalAccessPolicy> policies = policiesOf.get(key);
            Set<String> controls = new LinkedHashSet<>();
            policies.forEach(p -> controls.add(control(p)));
            String who = objects.stream().map(o -> o.kind() + " " + context.describe(o.id()))
                    .collect(Collectors.joining(", "));
            out.add(new Finding(check(), Character.toUpperCase(who.charAt(0)) + who.substring(1) + (objects.size() == 1 ? " is" : " are") + " excluded from "
                    + policies.size() + " policies: " + (objects.size() == 1 ? "its" : "their") + " members skip "
                    + String.join(", ", controls) + " at once.",
                    policies.stream().map(ConditionalAccessPolicy::label).distinct().toList()));
        });
        return out;
    }

    /** Keyed by policy id (or label) so a policy exported twice counts once. */
    private static void add(Map<Excluded, Map<String, ConditionalAccessPolicy>> map, String kind, String id,
                            ConditionalAccessPolicy p) {
        String key = (p.id().isBlank() ? p.label() : p.id()).toLowerCase(Locale.ROOT);
        map.computeIfAbsent(new Excluded(kind, id.toLowerCase(Locale.ROOT)), k -> new LinkedHashMap<>()).putIfAbsent(key, p);
    }

    private static boolean exempt(CheckContext context, Excluded object) {
        String id = object.id();
        return context.breakGlass().contains(id) || id.equals("guestsorexternalusers") || id.equals("all")
                || id.equals("none") || id.equals(RoleNames.DIRECTORY_SYNCHRONIZATION_ACCOUNTS)
                || BreakGlass.NAME.matcher(id).find()
                || context.snapshot().directory().groupName(id).map(n -> BreakGlass.NAME.matcher(n).find()).orElse(false);
    }

    /** What a policy asks for, in a few words, so the finding says what the exclusion skips. */
    static String control(ConditionalAccessPolicy p) {
        List<String> parts = new ArrayList<>();
        p.grantControls().ifPresent(g -> {
            if (g.blocks()) {
                parts.add("a block");
                return;
            }
            g.builtInControls().stream().filter(c -> c != BuiltInControl.BLOCK).map(BuiltInControl::graphName).sorted()
                    .forEach(parts::add);
            g.authenticationStrength().ifPresent(s -> parts.add("an authentication strength"));
            if (!g.termsOfUse().isEmpty()) parts.add("terms of use");
        });
        if (!p.sessionControls().empty()) parts.add("session controls");
        String what = parts.isEmpty() ? "nothing" : String.join("+", parts);
        return what + " (" + p.label() + ")";
    }
}
