package io.aitmdefense.harden.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.plan.PolicyChange;
import io.aitmdefense.harden.plan.ProtectedActionBinding;
import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.FilterRule;
import io.aitmdefense.posture.model.GraphEnum;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.GuestCondition;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.model.SignInFrequency;
import io.aitmdefense.posture.model.UserCondition;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The posture model written back as Microsoft Graph request bodies. Fields are written by hand in Graph's order so a
 * Java rename never changes what is sent; sets are written in the enum's declared order so output is stable; a
 * condition that is not configured is left out, which Graph reads as "not configured" as our reader does.
 */
public final class GraphBodies {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GraphBodies() {
    }

    /** The body of {@code POST /identity/conditionalAccess/policies}. */
    public static ObjectNode policy(ConditionalAccessPolicy p) {
        ObjectNode o = F.objectNode();
        o.put("displayName", p.displayName());
        o.put("state", p.state().graphName());
        o.set("conditions", conditions(p.conditions()));
        if (p.grantControls().isPresent()) o.set("grantControls", grant(p.grantControls().get()));
        else o.putNull("grantControls");
        if (p.sessionControls().empty()) o.putNull("sessionControls");
        else o.set("sessionControls", session(p.sessionControls()));
        return o;
    }

    /**
     * The body of a {@code PATCH} on an existing policy: the state and the whole users condition with the exclusions
     * added. Graph merges a policy PATCH per condition, so nothing else of the policy is sent or touched — the only
     * change Microsoft allows on a Microsoft-managed policy.
     */
    public static ObjectNode change(ConditionalAccessPolicy existing, PolicyChange change) {
        ObjectNode o = F.objectNode();
        change.state().ifPresent(s -> o.put("state", s.graphName()));
        if (!change.addExcludeUsers().isEmpty() || !change.addExcludeGroups().isEmpty()) {
            ObjectNode c = o.putObject("conditions");
            c.set("users", users(change.applyTo(existing).conditions().users()));
        }
        return o;
    }

    /** The state-only {@code PATCH} that promotes or demotes a policy. */
    public static ObjectNode state(PolicyState state) {
        ObjectNode o = F.objectNode();
        o.put("state", state.graphName());
        return o;
    }

    /** The body of {@code PATCH /identity/conditionalAccess/authenticationContextClassReferences/{id}} (create or update). */
    public static ObjectNode context(AuthenticationContext c) {
        ObjectNode o = F.objectNode();
        o.put("id", c.id());
        o.put("displayName", c.displayName());
        o.put("description", c.description());
        o.put("isAvailable", c.available());
        return o;
    }

    /** Each binding with the body of its beta {@code PATCH} on the resource action. */
    public static ArrayNode bindings(List<ProtectedActionBinding> bindings) {
        ArrayNode a = F.arrayNode();
        for (ProtectedActionBinding b : bindings) {
            ObjectNode o = a.addObject();
            o.put("resourceAction", b.actionId());
            o.put("path", b.path());
            o.put("requiresPolicyOn", b.requiresPolicy());
            o.putObject("body").put("authenticationContextId", b.contextId());
        }
        return a;
    }

    static ObjectNode conditions(Conditions c) {
        ObjectNode o = F.objectNode();
        o.set("users", users(c.users()));
        o.set("applications", applications(c.applications()));
        o.set("clientAppTypes", enums(c.clientAppTypes()));
        if (c.platforms().configured()) {
            ObjectNode p = o.putObject("platforms");
            p.set("includePlatforms", enums(c.platforms().includePlatforms()));
            p.set("excludePlatforms", enums(c.platforms().excludePlatforms()));
        }
        if (c.locations().configured()) {
            ObjectNode l = o.putObject("locations");
            l.set("includeLocations", strings(c.locations().includeLocations()));
            l.set("excludeLocations", strings(c.locations().excludeLocations()));
        }
        c.devices().deviceFilter().ifPresent(f -> o.putObject("devices").set("deviceFilter", filter(f)));
        o.set("signInRiskLevels", enums(c.signInRiskLevels()));
        o.set("userRiskLevels", enums(c.userRiskLevels()));
        if (!c.insiderRiskLevels().isEmpty()) o.put("insiderRiskLevels", flags(c.insiderRiskLevels()));
        if (!c.servicePrincipalRiskLevels().isEmpty()) o.set("servicePrincipalRiskLevels", enums(c.servicePrincipalRiskLevels()));
        if (c.clientApplications().configured()) {
            ObjectNode ca = o.putObject("clientApplications");
            ca.set("includeServicePrincipals", strings(c.clientApplications().includeServicePrincipals()));
            ca.set("excludeServicePrincipals", strings(c.clientApplications().excludeServicePrincipals()));
        }
        // Graph writes this flags enum as one comma-separated string (reference §2.5).
        if (!c.transferMethods().isEmpty()) o.putObject("authenticationFlows").put("transferMethods", flags(c.transferMethods()));
        return o;
    }

    static ObjectNode users(UserCondition u) {
        ObjectNode o = F.objectNode();
        o.set("includeUsers", strings(u.includeUsers()));
        o.set("excludeUsers", strings(u.excludeUsers()));
        o.set("includeGroups", strings(u.includeGroups()));
        o.set("excludeGroups", strings(u.excludeGroups()));
        o.set("includeRoles", strings(u.includeRoles()));
        o.set("excludeRoles", strings(u.excludeRoles()));
        u.includeGuestsOrExternalUsers().ifPresent(g -> o.set("includeGuestsOrExternalUsers", guests(g)));
        u.excludeGuestsOrExternalUsers().ifPresent(g -> o.set("excludeGuestsOrExternalUsers", guests(g)));
        return o;
    }

    private static ObjectNode guests(GuestCondition g) {
        ObjectNode o = F.objectNode();
        o.put("guestOrExternalUserTypes", flags(g.guestTypes()));
        ObjectNode t = o.putObject("externalTenants");
        if (g.allExternalTenants()) {
            t.put("@odata.type", "#microsoft.graph.conditionalAccessAllExternalTenants");
            t.put("membershipKind", "all");
        } else {
            t.put("@odata.type", "#microsoft.graph.conditionalAccessEnumeratedExternalTenants");
            t.put("membershipKind", "enumerated");
            t.set("members", strings(g.externalTenantIds()));
        }
        return o;
    }

    private static ObjectNode applications(ApplicationCondition a) {
        ObjectNode o = F.objectNode();
        o.set("includeApplications", strings(a.includeApplications()));
        o.set("excludeApplications", strings(a.excludeApplications()));
        o.set("includeUserActions", enums(a.includeUserActions()));
        o.set("includeAuthenticationContextClassReferences", strings(a.includeAuthenticationContextClassReferences()));
        a.applicationFilter().ifPresent(f -> o.set("applicationFilter", filter(f)));
        return o;
    }

    private static ObjectNode filter(FilterRule f) {
        ObjectNode o = F.objectNode();
        o.put("mode", f.mode().graphName());
        o.put("rule", f.rule());
        return o;
    }

    private static ObjectNode grant(GrantControls g) {
        ObjectNode o = F.objectNode();
        o.put("operator", g.operator().graphName());
        o.set("builtInControls", enums(g.builtInControls()));
        // Graph takes the strength by reference; it expands it on read.
        if (g.authenticationStrength().isPresent()) {
            o.putObject("authenticationStrength").put("id", g.authenticationStrength().get().id());
        }
        if (!g.termsOfUse().isEmpty()) o.set("termsOfUse", strings(g.termsOfUse()));
        if (!g.customAuthenticationFactors().isEmpty()) o.set("customAuthenticationFactors", strings(g.customAuthenticationFactors()));
        return o;
    }

    private static ObjectNode session(SessionControls s) {
        ObjectNode o = F.objectNode();
        s.signInFrequency().ifPresent(f -> o.set("signInFrequency", frequency(f)));
        s.persistentBrowser().ifPresent(m -> {
            ObjectNode b = o.putObject("persistentBrowser");
            b.put("isEnabled", true);
            b.put("mode", m.graphName());
        });
        s.cloudAppSecurity().ifPresent(t -> {
            ObjectNode m = o.putObject("cloudAppSecurity");
            m.put("isEnabled", true);
            m.put("cloudAppSecurityType", t);
        });
        if (s.applicationEnforcedRestrictions()) o.putObject("applicationEnforcedRestrictions").put("isEnabled", true);
        s.continuousAccessEvaluation().ifPresent(m -> o.putObject("continuousAccessEvaluation").put("mode", m.graphName()));
        if (s.tokenProtection()) o.putObject("secureSignInSession").put("isEnabled", true);
        if (s.disableResilienceDefaults()) o.put("disableResilienceDefaults", true);
        return o;
    }

    private static ObjectNode frequency(SignInFrequency f) {
        ObjectNode o = F.objectNode();
        o.put("isEnabled", true);
        // everyTime carries no value or type; Graph rejects them together
        if (f.period().isPresent()) {
            Duration d = f.period().get();
            boolean days = d.toHours() % 24 == 0;
            o.put("value", days ? d.toDays() : d.toHours());
            o.put("type", days ? "days" : "hours");
        }
        o.put("frequencyInterval", f.interval().graphName());
        o.put("authenticationType", f.authenticationType().graphName());
        return o;
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static <E extends Enum<E> & GraphEnum> ArrayNode enums(Collection<E> values) {
        ArrayNode a = F.arrayNode();
        sorted(values).forEach(e -> a.add(e.graphName()));
        return a;
    }

    private static <E extends Enum<E> & GraphEnum> String flags(Collection<E> values) {
        return sorted(values).stream().map(GraphEnum::graphName).collect(Collectors.joining(","));
    }

    private static <E extends Enum<E>> List<E> sorted(Collection<E> values) {
        return values.stream().sorted(Comparator.comparingInt(Enum::ordinal)).toList();
    }
}
