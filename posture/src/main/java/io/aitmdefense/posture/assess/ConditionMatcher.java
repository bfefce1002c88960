package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.FilterMode;
import io.aitmdefense.posture.model.FilterRule;
import io.aitmdefense.posture.model.GuestCondition;
import io.aitmdefense.posture.model.LocationCondition;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PlatformCondition;
import io.aitmdefense.posture.model.UserCondition;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Applicability of one policy to one of our hypothetical sign-ins, following Entra's rules: every configured condition
 * must hold, exclusions beat inclusions, an unconfigured condition does not narrow. Our sign-ins carry complete
 * information (groups, roles, device, network, risk), so there is no "depends" answer here.
 */
public final class ConditionMatcher implements PolicyMatcher {

    static final String ALL = "All";

    @Override
    public boolean applies(ConditionalAccessPolicy policy, SignInCase signIn) {
        Conditions c = policy.conditions();
        return users(c.users(), signIn.user())
                && !c.clientApplications().configured()
                && c.agentIdRiskLevels().isEmpty()
                && c.insiderRiskLevels().isEmpty()
                && access(c.applications(), signIn.access())
                && clientApp(c.clientAppTypes(), signIn.clientApp())
                && platform(c.platforms(), signIn.platform())
                && location(c.locations(), signIn.network())
                && device(c.devices().deviceFilter(), signIn.device())
                && (c.signInRiskLevels().isEmpty() || c.signInRiskLevels().contains(signIn.signInRisk()))
                && (c.userRiskLevels().isEmpty() || c.userRiskLevels().contains(signIn.userRisk()))
                && (c.transferMethods().isEmpty()
                    || signIn.authenticationFlow().map(c.transferMethods()::contains).orElse(false));
    }

    static boolean users(UserCondition u, DirectoryUser user) {
        boolean excluded = has(u.excludeUsers(), user.id())
                || intersects(u.excludeGroups(), user.groupIds())
                || intersects(u.excludeRoles(), user.roleTemplateIds())
                || (user.guest() && has(u.excludeUsers(), "GuestsOrExternalUsers"))
                || u.excludeGuestsOrExternalUsers().map(g -> guestMatches(g, user)).orElse(false);
        if (excluded) return false;
        return has(u.includeUsers(), ALL)
                || has(u.includeUsers(), user.id())
                || (user.guest() && has(u.includeUsers(), "GuestsOrExternalUsers"))
                || intersects(u.includeGroups(), user.groupIds())
                || intersects(u.includeRoles(), user.roleTemplateIds())
                || u.includeGuestsOrExternalUsers().map(g -> guestMatches(g, user)).orElse(false);
    }

    private static boolean guestMatches(GuestCondition g, DirectoryUser user) {
        if (user.guestType().isEmpty() || !g.guestTypes().contains(user.guestType().get())) return false;
        return g.allExternalTenants() || user.homeTenantId().map(t -> has(g.externalTenantIds(), t)).orElse(false);
    }

    static boolean access(ApplicationCondition a, Access access) {
        if (access instanceof Access.Resource r) {
            Target t = r.target();
            List<String> include = a.includeApplications();
            boolean included = has(include, ALL) || has(include, t.appId())
                    || t.groupKeyword().map(k -> has(include, k)).orElse(false);
            boolean excluded = has(a.excludeApplications(), t.appId())
                    || t.groupKeyword().map(k -> has(a.excludeApplications(), k)).orElse(false);
            return included && !excluded;
        }
        if (access instanceof Access.Action action) return a.includeUserActions().contains(action.action());
        Access.AuthContext ctx = (Access.AuthContext) access;
        return has(a.includeAuthenticationContextClassReferences(), ctx.contextId());
    }

    static boolean clientApp(Collection<ClientAppType> types, ClientAppType client) {
        return types.isEmpty() || types.contains(ClientAppType.ALL) || types.contains(client);
    }

    static boolean platform(PlatformCondition p, Platform platform) {
        if (!p.configured()) return true;
        if (p.excludePlatforms().contains(platform)) return false;
        return p.includePlatforms().contains(Platform.ALL) || p.includePlatforms().contains(platform);
    }

    static boolean location(LocationCondition l, Network network) {
        if (!l.configured()) return true;
        if (matchesAny(l.excludeLocations(), network)) return false;
        return matchesAny(l.includeLocations(), network);
    }

    private static boolean matchesAny(List<String> locations, Network network) {
        for (String id : locations) {
            if (id.equalsIgnoreCase(ALL)) return true;
            if (id.equalsIgnoreCase("AllTrusted") && network.trusted()) return true;
            if (network.in(id)) return true;
        }
        return false;
    }

    static boolean device(Optional<FilterRule> filter, DeviceState device) {
        if (filter.isEmpty()) return true;
        boolean match = DeviceFilterMatch.matches(filter.get().rule(), device);
        return filter.get().mode() == FilterMode.INCLUDE ? match : !match;
    }

    private static boolean has(Collection<String> values, String wanted) {
        return values.stream().anyMatch(v -> v.equalsIgnoreCase(wanted));
    }

    private static boolean intersects(Collection<String> values, Collection<String> wanted) {
        return wanted.stream().anyMatch(w -> has(values, w));
    }
}
