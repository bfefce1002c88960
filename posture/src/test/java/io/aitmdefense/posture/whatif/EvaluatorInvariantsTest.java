package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.ApplicationCondition;
import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.BuiltInStrengths;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ClientApplicationCondition;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.DeviceCondition;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.LocationCondition;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PlatformCondition;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.model.UserCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties that must hold for any policy set and sign-in; cases come from seeded generators so failures replay. */
class EvaluatorInvariantsTest {

    static final List<String> GROUPS = List.of("g1", "g2", "g3");
    static final List<String> APPS = List.of(WellKnownApps.EXCHANGE_ONLINE, WellKnownApps.SHAREPOINT_ONLINE,
            WellKnownApps.AZURE_MANAGEMENT, "All", "Office365");
    static final List<Platform> PLATFORMS = List.of(Platform.WINDOWS, Platform.MACOS, Platform.IOS, Platform.ANDROID, Platform.LINUX);
    static final List<ClientAppType> CLIENTS = List.of(ClientAppType.BROWSER, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS,
            ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER);
    static final List<BuiltInControl> CONTROLS = List.of(BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE,
            BuiltInControl.DOMAIN_JOINED_DEVICE, BuiltInControl.APPROVED_APPLICATION, BuiltInControl.BLOCK);
    static final List<AuthenticationMethodMode> METHODS = List.of(AuthenticationMethodMode.PASSWORD,
            AuthenticationMethodMode.MICROSOFT_AUTHENTICATOR_PUSH, AuthenticationMethodMode.SMS, AuthenticationMethodMode.FIDO2,
            AuthenticationMethodMode.WINDOWS_HELLO_FOR_BUSINESS);

    static LongStream seeds() {
        return LongStream.range(1, 201);
    }

    static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    static <T> List<T> some(Random r, List<T> from) {
        List<T> out = new ArrayList<>();
        for (T t : from) if (r.nextInt(3) == 0) out.add(t);
        return out;
    }

    static ConditionalAccessPolicy policy(Random r, int n) {
        UserCondition users = new UserCondition(r.nextBoolean() ? List.of("All") : List.of(),
                List.of(), r.nextBoolean() ? some(r, GROUPS) : List.of(), some(r, GROUPS), List.of(), List.of(),
                Optional.empty(), Optional.empty());
        ApplicationCondition apps = new ApplicationCondition(List.of(pick(r, APPS)), r.nextInt(4) == 0 ? List.of(pick(r, APPS)) : List.of(),
                Set.of(), List.of(), Optional.empty());
        Set<ClientAppType> clients = r.nextBoolean() ? Set.of() : Set.copyOf(some(r, CLIENTS));
        PlatformCondition platforms = r.nextBoolean() ? PlatformCondition.NONE
                : new PlatformCondition(r.nextBoolean() ? Set.of(Platform.ALL) : Set.copyOf(some(r, PLATFORMS)), Set.copyOf(some(r, PLATFORMS)));
        Set<RiskLevel> risk = r.nextInt(4) == 0 ? Set.of(RiskLevel.HIGH) : Set.of();
        Conditions c = new Conditions(users, apps, clients, platforms, LocationCondition.NONE, DeviceCondition.NONE, risk,
                Set.of(), Set.of(), Set.of(), Set.of(), ClientApplicationCondition.NONE, Set.of());
        Optional<AuthenticationStrength> strength = r.nextInt(4) == 0
                ? Optional.of(r.nextBoolean() ? BuiltInStrengths.PHISHING_RESISTANT : BuiltInStrengths.MFA) : Optional.empty();
        Set<BuiltInControl> controls = EnumSet.noneOf(BuiltInControl.class);
        controls.addAll(some(r, CONTROLS));
        Optional<GrantControls> grant = controls.isEmpty() && strength.isEmpty() ? Optional.empty()
                : Optional.of(new GrantControls(r.nextBoolean() ? GrantOperator.AND : GrantOperator.OR, controls, strength,
                List.of(), List.of()));
        PolicyState state = pick(r, List.of(PolicyState.ENABLED, PolicyState.ENABLED, PolicyState.REPORT_ONLY, PolicyState.DISABLED));
        return new ConditionalAccessPolicy("p" + n, "p" + n, state, Optional.empty(), Optional.empty(), Optional.empty(), c, grant,
                SessionControls.NONE, "generated", Map.of());
    }

    static SignInScenario scenario(Random r) {
        DirectoryUser u = new DirectoryUser("u", "u", Set.copyOf(some(r, GROUPS)), Set.of(), Optional.empty(), Optional.empty());
        String app = pick(r, List.of(WellKnownApps.EXCHANGE_ONLINE, WellKnownApps.SHAREPOINT_ONLINE, WellKnownApps.AZURE_MANAGEMENT));
        DeviceInfo device = pick(r, List.of(DeviceInfo.unregistered(), DeviceInfo.registered(TrustType.AZURE_AD, true),
                DeviceInfo.registered(TrustType.SERVER_AD, false)));
        return SignInScenario.of(u, SignInTarget.apps(app)).withClientApp(pick(r, CLIENTS)).withPlatform(pick(r, PLATFORMS))
                .withDevice(device).withSignInRisk(pick(r, List.of(RiskLevel.NONE, RiskLevel.HIGH)))
                .withMethods(Set.copyOf(some(r, METHODS)));
    }

    static List<ConditionalAccessPolicy> policies(Random r) {
        List<ConditionalAccessPolicy> out = new ArrayList<>();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) out.add(policy(r, i));
        return out;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void reportOnlyAndDisabledPoliciesNeverChangeTheEnforcedOutcome(long seed) {
        Random r = new Random(seed);
        List<ConditionalAccessPolicy> all = policies(r);
        SignInScenario s = scenario(r);
        List<ConditionalAccessPolicy> enforcedOnly = all.stream().filter(ConditionalAccessPolicy::enforced).toList();

        CombinedOutcome withAll = new CaEvaluator(ConditionalAccessSnapshot.of(all)).evaluate(s).enforced();
        CombinedOutcome withEnforced = new CaEvaluator(ConditionalAccessSnapshot.of(enforcedOnly)).evaluate(s).enforced();

        assertThat(withAll).as("seed %d", seed).isEqualTo(withEnforced);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anApplicableEnforcedBlockAlwaysWins(long seed) {
        Random r = new Random(seed);
        List<ConditionalAccessPolicy> all = new ArrayList<>(policies(r));
        SignInScenario s = scenario(r);
        Conditions everyone = new Conditions(new UserCondition(List.of("All"), List.of(), List.of(), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty()), new ApplicationCondition(List.of("All"), List.of(), Set.of(),
                List.of(), Optional.empty()), Set.of(), PlatformCondition.NONE, LocationCondition.NONE, DeviceCondition.NONE,
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), ClientApplicationCondition.NONE, Set.of());
        all.add(r.nextInt(all.size() + 1), new ConditionalAccessPolicy("block", "block", PolicyState.ENABLED, Optional.empty(),
                Optional.empty(), Optional.empty(), everyone, Optional.of(new GrantControls(GrantOperator.OR,
                Set.of(BuiltInControl.BLOCK), Optional.empty(), List.of(), List.of())), SessionControls.NONE, "generated", Map.of()));

        Evaluation e = new CaEvaluator(ConditionalAccessSnapshot.of(all)).evaluate(s);

        assertThat(e.enforced().outcome()).as("seed %d", seed).isEqualTo(Outcome.BLOCKED);
        assertThat(e.enforced().blockedBy()).contains("block");
        assertThat(e.withReportOnly().outcome()).isEqualTo(Outcome.BLOCKED);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void excludingOneOfTheUsersGroupsTakesThePolicyAwayWhateverItIncludes(long seed) {
        Random r = new Random(seed);
        SignInScenario s = scenario(r);
        s = s.withUser(new DirectoryUser("u", "u", Set.of("g1"), Set.of(), Optional.empty(), Optional.empty()));
        ConditionalAccessPolicy p = policy(r, 0);
        UserCondition u = p.conditions().users();
        UserCondition excluded = new UserCondition(List.of("All", "u"), u.excludeUsers(), List.of("g1"), List.of("g1"),
                u.includeRoles(), u.excludeRoles(), u.includeGuestsOrExternalUsers(), u.excludeGuestsOrExternalUsers());
        Conditions c = p.conditions();
        ConditionalAccessPolicy withExclusion = new ConditionalAccessPolicy(p.id(), p.displayName(), PolicyState.ENABLED,
                p.createdDateTime(), p.modifiedDateTime(), p.templateId(), new Conditions(excluded, c.applications(),
                c.clientAppTypes(), c.platforms(), c.locations(), c.devices(), c.signInRiskLevels(), c.userRiskLevels(),
                c.insiderRiskLevels(), c.servicePrincipalRiskLevels(), c.agentIdRiskLevels(), c.clientApplications(),
                c.transferMethods()), p.grantControls(), p.sessionControls(), p.source(), p.unknownFields());

        PolicyDecision d = new CaEvaluator(ConditionalAccessSnapshot.of(List.of(withExclusion))).decide(withExclusion, s);

        assertThat(d.applicability()).as("seed %d", seed).isEqualTo(Applicability.DOES_NOT_APPLY);
        assertThat(d.condition()).isEqualTo(ConditionKind.USERS);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void addingMethodsOrDeviceStateNeverTurnsAGrantIntoARequirement(long seed) {
        Random r = new Random(seed);
        List<ConditionalAccessPolicy> all = policies(r);
        SignInScenario weak = scenario(r);
        SignInScenario strong = weak.withMethods(Set.copyOf(METHODS)).withDevice(DeviceInfo.registered(TrustType.SERVER_AD, true));
        CaEvaluator ev = new CaEvaluator(ConditionalAccessSnapshot.of(all));

        // The generator writes no device conditions, so a stronger device cannot bring a new policy into scope.
        if (ev.evaluate(weak).enforced().outcome() == Outcome.GRANTED) {
            assertThat(ev.evaluate(strong).enforced().outcome()).as("seed %d", seed).isEqualTo(Outcome.GRANTED);
        }
        assertThat(ev.evaluate(strong).enforced().remainingRequirements()).as("seed %d", seed)
                .allSatisfy(req -> assertThat(req.kind()).isNotIn(RequirementKind.MFA, RequirementKind.AUTHENTICATION_STRENGTH,
                        RequirementKind.COMPLIANT_DEVICE, RequirementKind.HYBRID_JOINED_DEVICE));
    }
}
