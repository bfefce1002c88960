package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.assess.Access;
import io.aitmdefense.posture.assess.Check;
import io.aitmdefense.posture.assess.Control;
import io.aitmdefense.posture.assess.KillChainStep;
import io.aitmdefense.posture.assess.Persona;
import io.aitmdefense.posture.assess.SignInCase;
import io.aitmdefense.posture.assess.Target;
import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ClientApplicationCondition;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.DeviceCondition;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.LocationCondition;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PlatformCondition;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.model.SignInFrequency;
import io.aitmdefense.posture.model.SignInFrequencyAuthenticationType;
import io.aitmdefense.posture.model.SignInFrequencyInterval;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.model.UserCondition;
import io.aitmdefense.posture.whatif.WellKnownApps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy set of the token-protection guide, in apply order: the tenant-configuration context policy first (its
 * protected actions wait for it to be on), then the step-up context, token protection, risk step-up, compliant device
 * and the device-code block. Each knows the policy it generates, how to recognise an existing policy of its kind, the
 * replayed sign-ins it must stop, and which kill-chain step, posture findings and matrix cells it answers for.
 */
public enum TargetPolicy {
    TENANT_CONFIG_CONTEXT("c2-tenant-config", "AuthContext-c2-TenantConfig-PhishingResistant-EveryTime",
            KillChainStep.CA_TAMPERING,
            "a replayed admin session changing Conditional Access or named locations: the protected actions bound to "
                    + "c2 ask for a fresh phishing-resistant sign-in the proxy cannot relay",
            List.of(Check.PROTECTED_ACTIONS_MISSING, Check.AUTH_CONTEXT_UNTARGETED, Check.AUTH_CONTEXT_POLICY_WEAK),
            List.of(new PromisedCell(KillChainStep.CA_TAMPERING, Control.AUTH_CONTEXT_EVERY_TIME),
                    new PromisedCell(KillChainStep.CA_TAMPERING, Control.PROTECTED_ACTIONS)),
            false, false),
    STEP_UP_CONTEXT("c1-step-up", "AuthContext-c1-SensitiveResources-PhishingResistant-EveryTime",
            KillChainStep.REPLAY,
            "a replayed cookie opening sensitive resources (labelled SharePoint sites, PIM activation): c1 asks for a "
                    + "fresh phishing-resistant sign-in every time",
            List.of(Check.AUTH_CONTEXT_UNTARGETED, Check.AUTH_CONTEXT_POLICY_WEAK),
            List.of(new PromisedCell(KillChainStep.REPLAY, Control.AUTH_CONTEXT_EVERY_TIME)),
            false, false),
    TOKEN_PROTECTION("token-protection", "TokenProtection-ExchangeSharePointTeams-WindowsApps",
            KillChainStep.REPLAY,
            "replay of a refresh token or session stolen from a Windows endpoint: the session is bound to the device",
            List.of(Check.TOKEN_PROTECTION_MISSING),
            List.of(new PromisedCell(KillChainStep.REPLAY, Control.TOKEN_PROTECTION)),
            false, true),
    SIGN_IN_RISK("sign-in-risk-step-up", "AllResources-SignInRiskMediumHigh-PhishingResistant-EveryTime",
            KillChainStep.REPLAY,
            "the replay Identity Protection scores medium or high (anomalous token, attacker in the middle): a fresh "
                    + "phishing-resistant sign-in the replayed token cannot give",
            List.of(Check.SIGN_IN_RISK_POLICY_MISSING),
            List.of(new PromisedCell(KillChainStep.CREDENTIAL_CAPTURE, Control.RISK_STEP_UP),
                    new PromisedCell(KillChainStep.REPLAY, Control.RISK_STEP_UP)),
            true, false),
    COMPLIANT_DEVICE("compliant-device", "AllResources-RequireCompliantOrHybridDevice",
            KillChainStep.REPLAY,
            "use of a captured cookie from the attacker's machine, which is not enrolled: every platform and browsers "
                    + "too, where token protection cannot reach",
            List.of(Check.COMPLIANT_DEVICE_MISSING, Check.REPLAY_REACHES_TARGET),
            List.of(new PromisedCell(KillChainStep.COOKIE_THEFT, Control.COMPLIANT_DEVICE),
                    new PromisedCell(KillChainStep.REPLAY, Control.COMPLIANT_DEVICE)),
            true, false),
    BLOCK_DEVICE_CODE("block-device-code", "AllResources-Block-DeviceCodeFlowAndAuthTransfer",
            KillChainStep.COOKIE_THEFT,
            "device-code and authentication-transfer phishing, which hands the attacker tokens without a proxy",
            List.of(Check.DEVICE_CODE_NOT_BLOCKED),
            List.of(),
            true, false);

    /** Microsoft Teams Services: token protection covers it with Exchange and SharePoint (reference §12.2). */
    static final String TEAMS = WellKnownApps.TEAMS_SERVICES;
    public static final String TENANT_CONFIG_CONTEXT_ID = "c2";
    public static final String STEP_UP_CONTEXT_ID = "c1";

    private final String key;
    private final String title;
    private final KillChainStep step;
    private final String breaks;
    private final List<Check> closes;
    private final List<PromisedCell> cells;
    private final boolean terraformExpressible;
    private final boolean beta;

    TargetPolicy(String key, String title, KillChainStep step, String breaks, List<Check> closes,
                 List<PromisedCell> cells, boolean terraformExpressible, boolean beta) {
        this.key = key;
        this.title = title;
        this.step = step;
        this.breaks = breaks;
        this.closes = closes;
        this.cells = cells;
        this.terraformExpressible = terraformExpressible;
        this.beta = beta;
    }

    /** Stable slug used in file names, plan.json and Terraform resource names. */
    public String key() {
        return key;
    }

    public String displayName(String prefix) {
        return prefix + title;
    }

    public KillChainStep step() {
        return step;
    }

    /** What the policy breaks, as the sentence after "breaks …". */
    public String breaks() {
        return breaks;
    }

    public List<Check> closes() {
        return closes;
    }

    public List<PromisedCell> cells() {
        return cells;
    }

    /**
     * Whether {@code azuread_conditional_access_policy} can express the policy: it speaks v1.0 only and has neither
     * token protection nor authentication-context targeting (provider issue #882).
     */
    public boolean terraformExpressible() {
        return terraformExpressible;
    }

    /** Token protection is safest written through beta (reference §12.2); the rest is v1.0. */
    public String graphVersion() {
        return beta ? "beta" : "v1.0";
    }

    public Optional<String> authenticationContext() {
        return switch (this) {
            case TENANT_CONFIG_CONTEXT -> Optional.of(TENANT_CONFIG_CONTEXT_ID);
            case STEP_UP_CONTEXT -> Optional.of(STEP_UP_CONTEXT_ID);
            default -> Optional.empty();
        };
    }

    /** Guests cannot enrol a device in our Intune, and token protection does not cover B2B sign-ins. */
    boolean excludesGuests() {
        return this == COMPLIANT_DEVICE || this == TOKEN_PROTECTION;
    }

    /** The policy this target generates for a ring audience and state. */
    public ConditionalAccessPolicy build(PlanOptions options, Audience audience, PolicyState state) {
        UserCondition users = audience.users(options, excludesGuests());
        ApplicationCondition allResources = apps(List.of("All"), List.of(), List.of());
        Conditions c;
        Optional<GrantControls> grant;
        SessionControls session = SessionControls.NONE;
        switch (this) {
            case TENANT_CONFIG_CONTEXT, STEP_UP_CONTEXT -> {
                c = conditions(users, apps(List.of(), List.of(), List.of(authenticationContext().orElseThrow())),
                        Set.of(ClientAppType.ALL), PlatformCondition.NONE, Set.of(), Set.of());
                grant = Optional.of(phishingResistant());
                session = everyTime();
            }
            case TOKEN_PROTECTION -> {
                c = conditions(users, apps(List.of(WellKnownApps.EXCHANGE_ONLINE, WellKnownApps.SHAREPOINT_ONLINE, TEAMS),
                                List.of(), List.of()), Set.of(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS),
                        new PlatformCondition(Set.of(Platform.WINDOWS), Set.of()), Set.of(), Set.of());
                grant = Optional.empty();
                session = new SessionControls(Optional.empty(), Optional.empty(), Optional.empty(), false,
                        Optional.empty(), true, false);
            }
            case SIGN_IN_RISK -> {
                c = conditions(users, allResources, Set.of(ClientAppType.ALL), PlatformCondition.NONE,
                        Set.of(RiskLevel.MEDIUM, RiskLevel.HIGH), Set.of());
                grant = Optional.of(phishingResistant());
                session = everyTime();
            }
            case COMPLIANT_DEVICE -> {
                // Intune enrolment must stay reachable from a device that is not compliant yet.
                c = conditions(users, apps(List.of("All"), List.of(WellKnownApps.INTUNE_ENROLLMENT), List.of()),
                        Set.of(ClientAppType.ALL), PlatformCondition.NONE, Set.of(), Set.of());
                grant = Optional.of(new GrantControls(GrantOperator.OR,
                        Set.of(BuiltInControl.COMPLIANT_DEVICE, BuiltInControl.DOMAIN_JOINED_DEVICE), Optional.empty(),
                        List.of(), List.of()));
            }
            case BLOCK_DEVICE_CODE -> {
                c = conditions(users, allResources, Set.of(ClientAppType.ALL), PlatformCondition.NONE, Set.of(),
                        Set.of(TransferMethod.DEVICE_CODE_FLOW, TransferMethod.AUTHENTICATION_TRANSFER));
                grant = Optional.of(new GrantControls(GrantOperator.OR, Set.of(BuiltInControl.BLOCK), Optional.empty(),
                        List.of(), List.of()));
            }
            default -> throw new IllegalStateException(name());
        }
        return new ConditionalAccessPolicy("", displayName(options.prefix()), state, Optional.empty(), Optional.empty(),
                Optional.empty(), c, grant, session, "aitm harden plan", Map.of());
    }

    /** An existing policy of this kind, whatever its scope: the evaluator then judges whether it is as strong. */
    boolean sameKind(ConditionalAccessPolicy p) {
        var apps = p.conditions().applications();
        return switch (this) {
            case TENANT_CONFIG_CONTEXT, STEP_UP_CONTEXT -> apps.includeAuthenticationContextClassReferences().stream()
                    .anyMatch(authenticationContext().orElseThrow()::equalsIgnoreCase);
            case TOKEN_PROTECTION -> p.sessionControls().tokenProtection();
            case SIGN_IN_RISK -> !p.conditions().signInRiskLevels().isEmpty();
            case COMPLIANT_DEVICE -> p.grantControls().map(g -> g.builtInControls().contains(BuiltInControl.COMPLIANT_DEVICE)
                    || g.builtInControls().contains(BuiltInControl.DOMAIN_JOINED_DEVICE)).orElse(false);
            case BLOCK_DEVICE_CODE -> p.conditions().transferMethods().contains(TransferMethod.DEVICE_CODE_FLOW)
                    && p.grantControls().map(GrantControls::blocks).orElse(false);
        };
    }

    /** The replayed sign-ins this target stops once enforced for every user; an equivalent must stop them all. */
    List<SignInCase> probes(ProbeKit kit) {
        List<SignInCase> out = new ArrayList<>();
        List<Persona> people = List.of(Persona.ALL_USERS, Persona.ADMINS);
        List<Platform> replayHosts = List.of(Platform.LINUX, Platform.WINDOWS);
        switch (this) {
            case TENANT_CONFIG_CONTEXT, STEP_UP_CONTEXT -> {
                Access context = new Access.AuthContext(authenticationContext().orElseThrow());
                List<Persona> who = this == TENANT_CONFIG_CONTEXT ? List.of(Persona.ADMINS) : people;
                for (Persona p : who) for (Platform h : replayHosts) out.add(kit.attacker(p, context, h, ClientAppType.BROWSER));
            }
            case TOKEN_PROTECTION -> {
                for (Persona p : people) for (Target t : List.of(Target.EXCHANGE_ONLINE, Target.SHAREPOINT_ONLINE)) {
                    out.add(kit.attacker(p, new Access.Resource(t), Platform.WINDOWS, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS));
                }
            }
            case SIGN_IN_RISK -> {
                for (Persona p : people) for (Target t : List.of(Target.EXCHANGE_ONLINE, Target.ANY_OTHER_APP))
                    for (Platform h : replayHosts) for (RiskLevel r : List.of(RiskLevel.MEDIUM, RiskLevel.HIGH)) {
                        out.add(kit.risky(p, new Access.Resource(t), h, ClientAppType.BROWSER, r));
                    }
            }
            case COMPLIANT_DEVICE -> {
                for (Persona p : people) for (Target t : List.of(Target.EXCHANGE_ONLINE, Target.SHAREPOINT_ONLINE,
                        Target.AZURE_MANAGEMENT, Target.ANY_OTHER_APP))
                    for (Platform h : List.of(Platform.WINDOWS, Platform.MACOS, Platform.LINUX, Platform.IOS, Platform.ANDROID))
                        for (ClientAppType client : List.of(ClientAppType.BROWSER, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)) {
                            out.add(kit.risky(p, new Access.Resource(t), h, client, RiskLevel.NONE));
                        }
            }
            case BLOCK_DEVICE_CODE -> {
                for (Persona p : people) out.add(kit.deviceCode(p, new Access.Resource(Target.EXCHANGE_ONLINE)));
            }
        }
        return out;
    }

    private static ApplicationCondition apps(List<String> include, List<String> exclude, List<String> contexts) {
        return new ApplicationCondition(include, exclude, Set.of(), contexts, Optional.empty());
    }

    private static Conditions conditions(UserCondition users, ApplicationCondition apps, Set<ClientAppType> clients,
                                         PlatformCondition platforms, Set<RiskLevel> signInRisk,
                                         Set<TransferMethod> transfer) {
        return new Conditions(users, apps, clients, platforms, LocationCondition.NONE, DeviceCondition.NONE, signInRisk,
                Set.of(), Set.of(), Set.of(), Set.of(), ClientApplicationCondition.NONE, transfer);
    }

    private static GrantControls phishingResistant() {
        return new GrantControls(GrantOperator.OR, Set.of(),
                Optional.of(AuthenticationStrength.reference(AuthenticationStrength.PHISHING_RESISTANT_ID)), List.of(), List.of());
    }

    private static SessionControls everyTime() {
        return new SessionControls(Optional.of(new SignInFrequency(SignInFrequencyInterval.EVERY_TIME, Optional.empty(),
                SignInFrequencyAuthenticationType.PRIMARY_AND_SECONDARY)), Optional.empty(), Optional.empty(), false,
                Optional.empty(), false, false);
    }
}
