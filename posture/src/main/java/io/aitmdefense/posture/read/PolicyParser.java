package io.aitmdefense.posture.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ClientApplicationCondition;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.ContinuousAccessEvaluationMode;
import io.aitmdefense.posture.model.DeviceCondition;
import io.aitmdefense.posture.model.FilterMode;
import io.aitmdefense.posture.model.FilterRule;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.GraphEnum;
import io.aitmdefense.posture.model.GuestCondition;
import io.aitmdefense.posture.model.GuestType;
import io.aitmdefense.posture.model.InsiderRiskLevel;
import io.aitmdefense.posture.model.LocationCondition;
import io.aitmdefense.posture.model.PersistentBrowserMode;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PlatformCondition;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.model.SignInFrequency;
import io.aitmdefense.posture.model.SignInFrequencyAuthenticationType;
import io.aitmdefense.posture.model.SignInFrequencyInterval;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.model.UserAction;
import io.aitmdefense.posture.model.UserCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One {@code conditionalAccessPolicy} JSON object (Graph v1.0, beta or PowerShell PascalCase) to the model. */
final class PolicyParser {

    private final ParseScope scope;
    private final StrengthParser strengths;

    PolicyParser(ParseScope scope) {
        this.scope = scope;
        this.strengths = new StrengthParser(scope);
    }

    ConditionalAccessPolicy parse(JsonNode node) {
        JsonFields root = scope.open("", node);
        String id = root.text("id");
        String name = root.text("displayName");
        scope.rename(!name.isBlank() ? name : !id.isBlank() ? id : "policy without id or name");
        root.known("description", "deletedDateTime", "templateId");
        String stateText = root.text("state");
        PolicyState state = parseState(stateText);
        Conditions conditions = scope.open("", root, "conditions").map(this::conditions).orElse(Conditions.NONE);
        Optional<GrantControls> grant = scope.open("", root, "grantControls").flatMap(this::grant);
        SessionControls session = scope.open("", root, "sessionControls").map(this::session)
                .orElse(SessionControls.NONE);
        return new ConditionalAccessPolicy(id, name, state, instant(root, "createdDateTime"),
                instant(root, "modifiedDateTime"), Optional.of(root.text("templateId")).filter(s -> !s.isBlank()),
                conditions, grant, session, scope.file, scope.unknownFields());
    }

    private PolicyState parseState(String text) {
        for (PolicyState s : PolicyState.values()) {
            if (s.graphName().equalsIgnoreCase(text)) return s;
        }
        // A policy fragment or template without a state is not deployed; treating it as disabled never overstates protection.
        scope.warn(text.isBlank() ? "no state; treated as disabled" : "unknown state '" + text + "'; treated as disabled");
        return PolicyState.DISABLED;
    }

    private Optional<Instant> instant(JsonFields f, String name) {
        String s = f.text(name);
        if (s.isBlank()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            scope.warn(name + ": not a date-time '" + s + "'");
            return Optional.empty();
        }
    }

    private Conditions conditions(JsonFields c) {
        String p = "conditions";
        c.known("deviceStates", "times");
        UserCondition users = scope.open(p, c, "users").map(this::users).orElse(UserCondition.NONE);
        ApplicationCondition apps = scope.open(p, c, "applications").map(this::applications)
                .orElse(ApplicationCondition.NONE);
        Set<ClientAppType> clientApps = scope.flags(ClientAppType.class, c, "clientAppTypes", p);
        PlatformCondition platforms = scope.open(p, c, "platforms")
                .map(f -> new PlatformCondition(scope.flags(Platform.class, f, "includePlatforms", p + ".platforms"),
                        scope.flags(Platform.class, f, "excludePlatforms", p + ".platforms")))
                .orElse(PlatformCondition.NONE);
        LocationCondition locations = scope.open(p, c, "locations")
                .map(f -> new LocationCondition(scope.ids(f, "includeLocations", p + ".locations"),
                        scope.ids(f, "excludeLocations", p + ".locations")))
                .orElse(LocationCondition.NONE);
        DeviceCondition devices = scope.open(p, c, "devices").map(this::devices).orElse(DeviceCondition.NONE);
        ClientApplicationCondition clientApplications = scope.open(p, c, "clientApplications")
                .map(f -> new ClientApplicationCondition(
                        scope.ids(f, "includeServicePrincipals", p + ".clientApplications"),
                        scope.ids(f, "excludeServicePrincipals", p + ".clientApplications"),
                        filter(scope.open(p + ".clientApplications", f, "servicePrincipalFilter"))))
                .orElse(ClientApplicationCondition.NONE);
        Set<TransferMethod> transfer = scope.open(p, c, "authenticationFlows")
                .map(f -> scope.flags(TransferMethod.class, f, "transferMethods", p + ".authenticationFlows"))
                .orElse(Set.of());
        return new Conditions(users, apps, clientApps, platforms, locations, devices,
                scope.flags(RiskLevel.class, c, "signInRiskLevels", p),
                scope.flags(RiskLevel.class, c, "userRiskLevels", p),
                scope.flags(InsiderRiskLevel.class, c, "insiderRiskLevels", p),
                scope.flags(RiskLevel.class, c, "servicePrincipalRiskLevels", p),
                scope.flags(RiskLevel.class, c, "agentIdRiskLevels", p),
                clientApplications, transfer);
    }

    private UserCondition users(JsonFields u) {
        String p = "conditions.users";
        return new UserCondition(scope.ids(u, "includeUsers", p), scope.ids(u, "excludeUsers", p),
                scope.ids(u, "includeGroups", p), scope.ids(u, "excludeGroups", p),
                scope.ids(u, "includeRoles", p), scope.ids(u, "excludeRoles", p),
                scope.open(p, u, "includeGuestsOrExternalUsers").flatMap(f -> guests(f, p + ".includeGuestsOrExternalUsers")),
                scope.open(p, u, "excludeGuestsOrExternalUsers").flatMap(f -> guests(f, p + ".excludeGuestsOrExternalUsers")));
    }

    private Optional<GuestCondition> guests(JsonFields g, String p) {
        Set<GuestType> types = EnumSet.noneOf(GuestType.class);
        Optional<JsonNode> raw = g.get("guestOrExternalUserTypes");
        if (raw.isPresent() && raw.get().isNumber()) {
            // Audit-log copies of a policy carry the flags as a number; bit i is the i-th declared type.
            int bits = raw.get().intValue();
            GuestType[] all = GuestType.values();
            for (int i = 0; i < all.length - 1; i++) {
                if ((bits & (1 << i)) != 0) types.add(all[i]);
            }
        } else {
            types.addAll(scope.flags(GuestType.class, g, "guestOrExternalUserTypes", p));
        }
        boolean allTenants = true;
        List<String> tenants = new ArrayList<>();
        Optional<JsonFields> ext = scope.open(p, g, "externalTenants");
        if (ext.isPresent()) {
            String kind = ext.get().text("membershipKind");
            tenants.addAll(scope.ids(ext.get(), "members", p + ".externalTenants"));
            allTenants = !kind.equalsIgnoreCase("enumerated");
        }
        if (types.isEmpty()) return Optional.empty();
        return Optional.of(new GuestCondition(types, allTenants, tenants));
    }

    private ApplicationCondition applications(JsonFields a) {
        String p = "conditions.applications";
        Set<UserAction> actions = scope.flags(UserAction.class, a, "includeUserActions", p);
        return new ApplicationCondition(scope.ids(a, "includeApplications", p), scope.ids(a, "excludeApplications", p),
                actions, scope.ids(a, "includeAuthenticationContextClassReferences", p),
                filter(scope.open(p, a, "applicationFilter")));
    }

    private DeviceCondition devices(JsonFields d) {
        String p = "conditions.devices";
        return new DeviceCondition(filter(scope.open(p, d, "deviceFilter")),
                scope.ids(d, "includeDevices", p), scope.ids(d, "excludeDevices", p),
                scope.ids(d, "includeDeviceStates", p), scope.ids(d, "excludeDeviceStates", p));
    }

    private Optional<FilterRule> filter(Optional<JsonFields> f) {
        if (f.isEmpty()) return Optional.empty();
        String rule = f.get().text("rule");
        if (rule.isBlank()) return Optional.empty();
        String modeText = f.get().text("mode");
        FilterMode mode = GraphEnum.parse(FilterMode.class, modeText).orElseGet(() -> {
            scope.warn("filter mode '" + modeText + "' unknown; read as include");
            return FilterMode.INCLUDE;
        });
        return Optional.of(new FilterRule(mode, rule));
    }

    private Optional<GrantControls> grant(JsonFields g) {
        String p = "grantControls";
        String opText = g.text("operator");
        GrantOperator operator = GraphEnum.parse(GrantOperator.class, opText).orElse(GrantOperator.OR);
        if (!opText.isBlank() && GraphEnum.parse(GrantOperator.class, opText).isEmpty()) {
            scope.warn(p + ".operator: unknown '" + opText + "'; read as OR");
        }
        Set<BuiltInControl> controls = scope.flags(BuiltInControl.class, g, "builtInControls", p);
        Optional<AuthenticationStrength> strength = scope.open(p, g, "authenticationStrength")
                .flatMap(f -> strengths.parse(f, p + ".authenticationStrength"));
        GrantControls grant = new GrantControls(operator, controls, strength, scope.ids(g, "termsOfUse", p),
                scope.ids(g, "customAuthenticationFactors", p));
        return grant.empty() ? Optional.empty() : Optional.of(grant);
    }

    private SessionControls session(JsonFields s) {
        String p = "sessionControls";
        Optional<SignInFrequency> frequency = scope.open(p, s, "signInFrequency").flatMap(this::frequency);
        Optional<PersistentBrowserMode> browser = scope.open(p, s, "persistentBrowser")
                .filter(f -> f.bool("isEnabled").orElse(false))
                .flatMap(f -> scope.one(PersistentBrowserMode.class, f, "mode", p + ".persistentBrowser"));
        Optional<String> mcas = scope.open(p, s, "cloudAppSecurity")
                .filter(f -> f.bool("isEnabled").orElse(false))
                .map(f -> f.text("cloudAppSecurityType"));
        boolean appRestrictions = scope.open(p, s, "applicationEnforcedRestrictions")
                .flatMap(f -> f.bool("isEnabled")).orElse(false);
        Optional<ContinuousAccessEvaluationMode> cae = scope.open(p, s, "continuousAccessEvaluation")
                .flatMap(f -> scope.one(ContinuousAccessEvaluationMode.class, f, "mode", p + ".continuousAccessEvaluation"));
        boolean tokenProtection = scope.open(p, s, "secureSignInSession")
                .flatMap(f -> f.bool("isEnabled")).orElse(false);
        boolean resilience = s.bool("disableResilienceDefaults").orElse(false);
        return new SessionControls(frequency, browser, mcas, appRestrictions, cae, tokenProtection, resilience);
    }

    private Optional<SignInFrequency> frequency(JsonFields f) {
        String p = "sessionControls.signInFrequency";
        if (!f.bool("isEnabled").orElse(f.has("value") && f.get("value").isPresent())) {
            f.known("value", "type", "authenticationType", "frequencyInterval");
            return Optional.empty();
        }
        SignInFrequencyInterval interval = scope.one(SignInFrequencyInterval.class, f, "frequencyInterval", p)
                .orElse(SignInFrequencyInterval.TIME_BASED);
        SignInFrequencyAuthenticationType type = scope.one(SignInFrequencyAuthenticationType.class, f,
                "authenticationType", p).orElse(SignInFrequencyAuthenticationType.PRIMARY_AND_SECONDARY);
        Optional<Duration> period = Optional.empty();
        Optional<JsonNode> value = f.get("value");
        String unit = f.text("type");
        if (value.isPresent() && value.get().canConvertToInt()) {
            int n = value.get().asInt();
            if (unit.equalsIgnoreCase("days")) period = Optional.of(Duration.ofDays(n));
            else if (unit.equalsIgnoreCase("hours")) period = Optional.of(Duration.ofHours(n));
            else scope.warn(p + ".type: unknown unit '" + unit + "'");
        }
        return Optional.of(new SignInFrequency(interval, period, type));
    }
}
