package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.devicefilter.DeviceFilterRule;
import io.aitmdefense.posture.devicefilter.DeviceFilterSyntaxException;
import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.DeviceCondition;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.FilterMode;
import io.aitmdefense.posture.model.FilterRule;
import io.aitmdefense.posture.model.GraphEnum;
import io.aitmdefense.posture.model.GuestCondition;
import io.aitmdefense.posture.model.LocationCondition;
import io.aitmdefense.posture.model.NamedLocation;
import io.aitmdefense.posture.model.NamedLocationKind;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PlatformCondition;
import io.aitmdefense.posture.model.UserAction;
import io.aitmdefense.posture.model.UserCondition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every condition of one policy against a sign-in. All conditions are ANDed; within a condition exclude beats
 * include; a condition that is not configured matches.
 */
final class PolicyApplicability {

    private static final String GUESTS_KEYWORD = "GuestsOrExternalUsers";

    private final ConditionalAccessSnapshot snapshot;

    PolicyApplicability(ConditionalAccessSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Every check in evaluation order; the caller picks the first NO_MATCH, then UNKNOWNs. */
    List<ConditionCheck> checks(Conditions c, SignInScenario s) {
        List<ConditionCheck> out = new ArrayList<>();
        out.add(workload(c));
        out.add(users(c.users(), s.user()));
        out.add(target(c.applications(), s.target()));
        out.add(clientApps(c.clientAppTypes(), s));
        out.add(platform(c.platforms(), s.platform()));
        out.add(location(c.locations(), s));
        out.add(devices(c.devices(), s));
        out.add(risk(ConditionKind.SIGN_IN_RISK, "sign-in risk", c.signInRiskLevels(), s.signInRisk()));
        out.add(risk(ConditionKind.USER_RISK, "user risk", c.userRiskLevels(), s.userRisk()));
        out.add(risk(ConditionKind.INSIDER_RISK, "insider risk", c.insiderRiskLevels(), s.insiderRisk()));
        out.add(flow(c, s));
        return out;
    }

    private ConditionCheck workload(Conditions c) {
        boolean users = c.users().includeUsers().stream().anyMatch(u -> !u.equalsIgnoreCase("None")) || !c.users().includeGroups().isEmpty()
                || !c.users().includeRoles().isEmpty() || c.users().includeGuestsOrExternalUsers().isPresent();
        if (c.clientApplications().configured() && !users) {
            return ConditionCheck.noMatch(ConditionKind.WORKLOAD_IDENTITIES,
                    "targets workload identities, not user sign-ins");
        }
        return ConditionCheck.match(ConditionKind.WORKLOAD_IDENTITIES, "");
    }

    // ---- users ----

    private ConditionCheck users(UserCondition u, DirectoryUser user) {
        Optional<String> excluded = userMatch(u.excludeUsers(), u.excludeGroups(), u.excludeRoles(),
                u.excludeGuestsOrExternalUsers(), user, true);
        if (excluded.isPresent()) {
            return ConditionCheck.noMatch(ConditionKind.USERS, "user excluded by " + excluded.get());
        }
        Optional<String> included = userMatch(u.includeUsers(), u.includeGroups(), u.includeRoles(),
                u.includeGuestsOrExternalUsers(), user, false);
        return included.map(r -> ConditionCheck.match(ConditionKind.USERS, "user included by " + r))
                .orElseGet(() -> ConditionCheck.noMatch(ConditionKind.USERS, "user not included; policy includes "
                        + includes(u)));
    }

    private Optional<String> userMatch(List<String> users, List<String> groups, List<String> roles,
                                       Optional<GuestCondition> guests, DirectoryUser user, boolean exclude) {
        for (String id : users) {
            if (!exclude && id.equalsIgnoreCase("All")) return Optional.of("All users");
            if (id.equalsIgnoreCase(GUESTS_KEYWORD) && user.guest()) return Optional.of("GuestsOrExternalUsers");
            if (!id.isBlank() && (id.equalsIgnoreCase(user.id()) || id.equalsIgnoreCase(user.userPrincipalName()))) {
                return Optional.of("user " + id);
            }
        }
        for (String g : groups) {
            if (user.groupIds().stream().anyMatch(g::equalsIgnoreCase)) return Optional.of("group " + groupLabel(g));
        }
        for (String r : roles) {
            if (user.roleTemplateIds().stream().anyMatch(r::equalsIgnoreCase)) return Optional.of("role " + r);
        }
        if (guests.isPresent() && user.guestType().isPresent() && guests.get().guestTypes().contains(user.guestType().get())) {
            GuestCondition g = guests.get();
            boolean tenant = g.allExternalTenants() || user.homeTenantId()
                    .map(t -> g.externalTenantIds().stream().anyMatch(t::equalsIgnoreCase)).orElse(false);
            if (tenant) return Optional.of("guest type " + user.guestType().get().graphName());
        }
        return Optional.empty();
    }

    private String includes(UserCondition u) {
        List<String> parts = new ArrayList<>();
        if (!u.includeUsers().isEmpty()) parts.add("users " + u.includeUsers());
        if (!u.includeGroups().isEmpty()) parts.add("groups " + u.includeGroups().stream().map(this::groupLabel).toList());
        if (!u.includeRoles().isEmpty()) parts.add(u.includeRoles().size() + " roles");
        u.includeGuestsOrExternalUsers().ifPresent(g -> parts.add("guest types " + names(g.guestTypes())));
        return parts.isEmpty() ? "nobody" : String.join(", ", parts);
    }

    private String groupLabel(String id) {
        return snapshot.directory().groupName(id).map(n -> id + " (" + n + ")").orElse(id);
    }

    // ---- target ----

    private ConditionCheck target(ApplicationCondition a, SignInTarget target) {
        if (target instanceof SignInTarget.Applications apps) {
            if (a.includeApplications().isEmpty()) {
                String what = !a.includeUserActions().isEmpty() ? "targets user actions, not resources"
                        : !a.includeAuthenticationContextClassReferences().isEmpty()
                        ? "targets authentication contexts, not resources"
                        : "targets no resources, user actions or authentication contexts";
                return ConditionCheck.noMatch(ConditionKind.APPLICATION, what);
            }
            ConditionCheck best = null;
            for (String app : apps.appIds()) {
                Optional<String> ex = a.excludeApplications().stream().filter(t -> WellKnownApps.covers(t, app)).findFirst();
                if (ex.isPresent()) {
                    if (best == null) best = ConditionCheck.noMatch(ConditionKind.APPLICATION,
                            "app " + app + " excluded by " + ex.get());
                    continue;
                }
                Optional<String> in = a.includeApplications().stream().filter(t -> WellKnownApps.covers(t, app)).findFirst();
                if (in.isPresent()) return ConditionCheck.match(ConditionKind.APPLICATION, "app " + app + " included by " + in.get());
            }
            if (best != null) return best;
            if (a.applicationFilter().filter(f -> f.mode() == FilterMode.INCLUDE).isPresent()) {
                return ConditionCheck.unknown(ConditionKind.APPLICATION,
                        "app filter on custom security attributes cannot be evaluated offline");
            }
            return ConditionCheck.noMatch(ConditionKind.APPLICATION, "none of " + apps.appIds() + " is included");
        }
        if (target instanceof SignInTarget.Action action) {
            return a.includeUserActions().contains(action.action())
                    ? ConditionCheck.match(ConditionKind.USER_ACTIONS, "user action " + action.action().graphName())
                    : ConditionCheck.noMatch(ConditionKind.USER_ACTIONS,
                    "does not target user action " + action.action().graphName());
        }
        SignInTarget.AuthenticationContext ctx = (SignInTarget.AuthenticationContext) target;
        return a.includeAuthenticationContextClassReferences().stream().anyMatch(ctx.classReference()::equalsIgnoreCase)
                ? ConditionCheck.match(ConditionKind.AUTHENTICATION_CONTEXT, "authentication context " + ctx.classReference())
                : ConditionCheck.noMatch(ConditionKind.AUTHENTICATION_CONTEXT,
                "does not target authentication context " + ctx.classReference());
    }

    // ---- client apps, platform ----

    private ConditionCheck clientApps(Set<ClientAppType> types, SignInScenario s) {
        if (types.isEmpty() || types.contains(ClientAppType.ALL)) {
            return ConditionCheck.match(ConditionKind.CLIENT_APPS, "all client apps");
        }
        if (deviceRegistration(s)) {
            return ConditionCheck.match(ConditionKind.CLIENT_APPS, "client apps do not apply to device registration");
        }
        if (s.clientAppType().isEmpty()) {
            return ConditionCheck.unknown(ConditionKind.CLIENT_APPS, "client app type not given; policy limits it to " + names(types));
        }
        ClientAppType c = s.clientAppType().get();
        boolean hit = types.contains(c)
                || (c == ClientAppType.EXCHANGE_ACTIVE_SYNC && types.contains(ClientAppType.EAS_SUPPORTED));
        return hit ? ConditionCheck.match(ConditionKind.CLIENT_APPS, "client app " + c.graphName())
                : ConditionCheck.noMatch(ConditionKind.CLIENT_APPS, "client app " + c.graphName() + " not in " + names(types));
    }

    private ConditionCheck platform(PlatformCondition p, Optional<Platform> platform) {
        if (!p.configured()) return ConditionCheck.match(ConditionKind.DEVICE_PLATFORM, "any platform");
        if (platform.isEmpty()) {
            return ConditionCheck.unknown(ConditionKind.DEVICE_PLATFORM, "platform not given; policy limits it to "
                    + names(p.includePlatforms()));
        }
        Platform pl = platform.get();
        if (p.excludePlatforms().contains(pl) || p.excludePlatforms().contains(Platform.ALL)) {
            return ConditionCheck.noMatch(ConditionKind.DEVICE_PLATFORM, "platform " + pl.graphName() + " excluded");
        }
        if (p.includePlatforms().contains(Platform.ALL) || p.includePlatforms().contains(pl)) {
            return ConditionCheck.match(ConditionKind.DEVICE_PLATFORM, "platform " + pl.graphName() + " included");
        }
        return ConditionCheck.noMatch(ConditionKind.DEVICE_PLATFORM, "platform " + pl.graphName() + " not included");
    }

    // ---- locations ----

    private ConditionCheck location(LocationCondition l, SignInScenario s) {
        if (!l.configured()) return ConditionCheck.match(ConditionKind.LOCATION, "any location");
        boolean known = s.ipAddress().isPresent() || s.country().isPresent() || !s.namedLocationIds().isEmpty();
        Set<String> here = locationsOf(s);
        boolean trusted = here.stream().map(snapshot::namedLocation).flatMap(Optional::stream).anyMatch(NamedLocation::trusted);
        for (String ex : l.excludeLocations()) {
            if (ex.equalsIgnoreCase("All")) return ConditionCheck.noMatch(ConditionKind.LOCATION, "all locations excluded");
            if (!known) continue;
            if (ex.equalsIgnoreCase("AllTrusted") ? trusted : here.stream().anyMatch(ex::equalsIgnoreCase)) {
                return ConditionCheck.noMatch(ConditionKind.LOCATION, "location excluded by " + locationLabel(ex));
            }
        }
        boolean excludesSomething = !l.excludeLocations().isEmpty();
        for (String in : l.includeLocations()) {
            if (in.equalsIgnoreCase("All")) {
                if (!known && excludesSomething) {
                    return ConditionCheck.unknown(ConditionKind.LOCATION, "location not given; policy excludes "
                            + labels(l.excludeLocations()));
                }
                return ConditionCheck.match(ConditionKind.LOCATION, "all locations included");
            }
            if (!known) continue;
            if (in.equalsIgnoreCase("AllTrusted") ? trusted : here.stream().anyMatch(in::equalsIgnoreCase)) {
                return ConditionCheck.match(ConditionKind.LOCATION, "location included by " + locationLabel(in));
            }
        }
        if (!known) {
            return ConditionCheck.unknown(ConditionKind.LOCATION, "location not given; policy includes "
                    + labels(l.includeLocations()));
        }
        return ConditionCheck.noMatch(ConditionKind.LOCATION, "sign-in location is in none of " + labels(l.includeLocations()));
    }

    /** Named-location ids the sign-in falls in: stated ids, IP ranges containing the IP, countries. */
    private Set<String> locationsOf(SignInScenario s) {
        Set<String> out = new LinkedHashSet<>(s.namedLocationIds());
        for (NamedLocation nl : snapshot.namedLocations()) {
            if (nl.kind() == NamedLocationKind.IP && s.ipAddress().isPresent() && nl.containsIp(s.ipAddress().get())) {
                out.add(nl.id());
            }
            if (nl.kind() == NamedLocationKind.COUNTRY) {
                boolean inCountry = s.country().map(cc -> nl.countriesAndRegions().stream().anyMatch(cc::equalsIgnoreCase))
                        .orElse(false);
                boolean unknownCountry = s.country().isEmpty() && s.ipAddress().isPresent()
                        && nl.includeUnknownCountriesAndRegions();
                if (inCountry || unknownCountry) out.add(nl.id());
            }
        }
        return out;
    }

    private String locationLabel(String id) {
        return snapshot.namedLocation(id).map(l -> id + " (" + l.displayName() + ")").orElse(id);
    }

    private String labels(List<String> ids) {
        return ids.stream().map(this::locationLabel).toList().toString();
    }

    // ---- devices ----

    private ConditionCheck devices(DeviceCondition d, SignInScenario s) {
        if (deviceRegistration(s)) {
            return ConditionCheck.match(ConditionKind.DEVICES, "device conditions do not apply to device registration");
        }
        if (!d.excludeDeviceStates().isEmpty() || !d.includeDeviceStates().isEmpty()) {
            Optional<ConditionCheck> legacy = deviceStates(d, s.device());
            if (legacy.isPresent()) return legacy.get();
        }
        if (d.deviceFilter().isEmpty()) return ConditionCheck.match(ConditionKind.DEVICES, "any device");
        FilterRule f = d.deviceFilter().get();
        DeviceFilterRule rule;
        try {
            rule = DeviceFilterRule.parse(f.rule());
        } catch (DeviceFilterSyntaxException e) {
            return ConditionCheck.unknown(ConditionKind.DEVICES, "device filter invalid: " + e.getMessage());
        }
        if (s.device().isEmpty()) {
            return ConditionCheck.unknown(ConditionKind.DEVICES, "device not given; policy has device filter " + f.rule());
        }
        DeviceInfo device = s.device().get();
        boolean matches = rule.matches(device.filterProperties());
        String what = (device.registered() ? "device" : "unregistered device") + (matches ? " matches" : " does not match")
                + " filter " + f.rule();
        boolean applies = f.mode() == FilterMode.INCLUDE ? matches : !matches;
        String mode = f.mode() == FilterMode.INCLUDE ? " (include mode)" : " (exclude mode)";
        return applies ? ConditionCheck.match(ConditionKind.DEVICES, what + mode)
                : ConditionCheck.noMatch(ConditionKind.DEVICES, what + mode);
    }

    private Optional<ConditionCheck> deviceStates(DeviceCondition d, Optional<DeviceInfo> device) {
        if (device.isEmpty()) {
            return Optional.of(ConditionCheck.unknown(ConditionKind.DEVICES, "device not given; policy has device states"));
        }
        DeviceInfo dev = device.get();
        for (String ex : d.excludeDeviceStates()) {
            if ((ex.equalsIgnoreCase("Compliant") && dev.compliant()) || (ex.equalsIgnoreCase("DomainJoined") && dev.hybridJoined())) {
                return Optional.of(ConditionCheck.noMatch(ConditionKind.DEVICES, "device state " + ex + " excluded"));
            }
        }
        return Optional.empty();
    }

    /** Registering or joining a device has no device yet; Entra offers no client-app or device conditions for it. */
    private static boolean deviceRegistration(SignInScenario s) {
        return s.target() instanceof SignInTarget.Action a
                && a.action() == UserAction.REGISTER_OR_JOIN_DEVICES;
    }

    // ---- risk, flows ----

    private static <E extends Enum<E> & GraphEnum> ConditionCheck risk(
            ConditionKind kind, String what, Set<E> levels, Optional<E> actual) {
        if (levels.isEmpty()) return ConditionCheck.match(kind, "any " + what);
        if (actual.isEmpty()) return ConditionCheck.unknown(kind, what + " not given; policy needs " + names(levels));
        return levels.contains(actual.get())
                ? ConditionCheck.match(kind, what + " " + actual.get().graphName())
                : ConditionCheck.noMatch(kind, what + " " + actual.get().graphName() + " not in " + names(levels));
    }

    private static ConditionCheck flow(Conditions c, SignInScenario s) {
        if (c.transferMethods().isEmpty()) return ConditionCheck.match(ConditionKind.AUTHENTICATION_FLOW, "any flow");
        if (s.authenticationFlow().isEmpty()) {
            return ConditionCheck.noMatch(ConditionKind.AUTHENTICATION_FLOW,
                    "ordinary sign-in; policy targets " + names(c.transferMethods()));
        }
        return c.transferMethods().contains(s.authenticationFlow().get())
                ? ConditionCheck.match(ConditionKind.AUTHENTICATION_FLOW, "flow " + s.authenticationFlow().get().graphName())
                : ConditionCheck.noMatch(ConditionKind.AUTHENTICATION_FLOW,
                "flow " + s.authenticationFlow().get().graphName() + " not in " + names(c.transferMethods()));
    }

    private static String names(Set<? extends GraphEnum> set) {
        return set.stream().map(GraphEnum::graphName).sorted().toList().toString();
    }
}
