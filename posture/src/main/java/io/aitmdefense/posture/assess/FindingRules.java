package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.model.UserAction;
import io.aitmdefense.posture.model.UserCondition;
import io.aitmdefense.posture.whatif.ConditionKind;
import io.aitmdefense.posture.whatif.GrantResult;
import io.aitmdefense.posture.whatif.PolicyDecision;
import io.aitmdefense.posture.whatif.WellKnownApps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Derives the findings from the snapshot, the replay simulation and the coverage matrix. */
final class FindingRules {

    /** Apps where an every-time frequency is what Microsoft recommends: Intune enrolment and the Intune service. */
    private static final Set<String> EVERY_TIME_APPS = Set.of("d4ebce55-015a-49b5-a083-c84d1797ae8c",
            "0000000a-0000-0000-c000-000000000000");
    static final Duration REPORT_ONLY_LIMIT = Duration.ofDays(30);

    private final ConditionalAccessSnapshot snapshot;
    private final CaseEvaluator evaluator;
    private final ReplaySimulation replay;
    private final BreakGlass breakGlass;
    private final Personas personas;
    private final Networks networks;
    private final Instant now;
    private final List<Finding> findings = new ArrayList<>();

    /** The checks that each live in their own class, in catalogue order. */
    static final List<FindingRule> RULES = List.of(new SiblingScopeDrift(), new SharedExclusion(),
            new GuestTypesUneven(), new IneffectiveCondition(), new MissingDirectoryObject(),
            new ControlPrerequisiteMissing(), new DuplicatePolicyId(), new ReplayPermutationGap());

    private final CheckContext context;

    FindingRules(CheckContext context) {
        this.context = context;
        this.snapshot = context.snapshot();
        this.evaluator = context.evaluator();
        this.replay = context.replay();
        this.breakGlass = context.breakGlass();
        this.personas = context.personas();
        this.networks = context.networks();
        this.now = context.now();
    }

    List<Finding> run() {
        List<ReplayResult> replays = context.replays();
        CoverageMatrix matrix = context.matrix();
        noEnforcedPolicy();
        phishingResistant(matrix);
        replayReachesTarget(replays);
        compliantDevice(matrix);
        tokenProtection();
        cae(matrix);
        riskPolicies();
        everyTimeScope();
        authContexts();
        breakGlass();
        longRunningReportOnly();
        legacyAuthentication();
        deviceCode();
        securityInfoRegistration();
        mfaGaps();
        riskCombined();
        inertPolicies();
        for (FindingRule rule : RULES) {
            // A policy exported twice (same id, same content) would otherwise be reported twice.
            for (Finding f : rule.findings(context)) if (!findings.contains(f)) findings.add(f);
        }
        findings.sort((a, b) -> b.severity().compareTo(a.severity()) != 0 ? b.severity().compareTo(a.severity())
                : a.id().compareTo(b.id()));
        return List.copyOf(findings);
    }

    private void add(Check check, String detail, List<String> policies) {
        findings.add(new Finding(check, detail, policies));
    }

    private void noEnforcedPolicy() {
        if (snapshot.policies().stream().anyMatch(ConditionalAccessPolicy::enforced)) return;
        long reportOnly = snapshot.policies().stream().filter(ConditionalAccessPolicy::reportOnly).count();
        long disabled = snapshot.policies().stream().filter(p -> p.state() == PolicyState.DISABLED).count();
        add(Check.NO_ENFORCED_POLICY, snapshot.policies().size() + " policies: " + disabled + " disabled, " + reportOnly
                + " report-only, none enabled.", List.of());
    }

    private void phishingResistant(CoverageMatrix matrix) {
        CoverageCell cell = matrix.cell(KillChainStep.CREDENTIAL_CAPTURE, Control.PHISHING_RESISTANT_MFA);
        List<String> reportOnly = cell.status() == CellStatus.REPORT_ONLY ? cell.policies() : List.of();
        if (!cell.personas().contains(Persona.ADMINS)) {
            add(Check.ADMIN_PHISHING_RESISTANT_MFA_MISSING, "No enabled policy requires a phishing-resistant strength "
                    + "for Global Administrators." + reportOnlySuffix(reportOnly), reportOnly);
        }
        if (!cell.personas().contains(Persona.ALL_USERS)) {
            add(Check.USER_PHISHING_RESISTANT_MFA_MISSING, "No enabled policy requires a phishing-resistant strength "
                    + "for ordinary users." + reportOnlySuffix(reportOnly), reportOnly);
        }
    }

    private static String reportOnlySuffix(List<String> reportOnly) {
        return reportOnly.isEmpty() ? "" : " Report-only, not enforced: " + String.join(", ", reportOnly) + ".";
    }

    private void replayReachesTarget(List<ReplayResult> replays) {
        Map<Persona, List<ReplayResult>> byPersona = new LinkedHashMap<>();
        for (ReplayResult r : replays) {
            if (r.persona() == Persona.BREAK_GLASS || !r.attackerGetsIn()) continue;
            byPersona.computeIfAbsent(r.persona(), p -> new ArrayList<>()).add(r);
        }
        byPersona.forEach((persona, results) -> {
            List<String> parts = new ArrayList<>();
            Set<String> policies = new LinkedHashSet<>();
            boolean critical = persona == Persona.ADMINS;
            for (ReplayResult r : results) {
                critical |= r.target().administrative() && r.attacker().outcome() == Outcome.GRANTED;
                if (r.stoppedOnlyByLocation()) {
                    parts.add(r.target().label() + " (stopped only by " + String.join(", ", r.attacker().decidingPolicies())
                            + " from abroad; granted from a host in an allowed country)");
                    policies.addAll(r.attacker().decidingPolicies());
                } else {
                    parts.add(r.target().label());
                }
                r.attacker().reportOnlyWouldStop().forEach(p -> policies.add(p.policy()));
            }
            String detail = "A replayed session of " + persona.label() + " is granted: " + String.join("; ", parts) + ".";
            findings.add(new Finding(Check.REPLAY_REACHES_TARGET, critical ? Severity.CRITICAL : Severity.HIGH, detail,
                    List.copyOf(policies)));
        });
    }

    private void compliantDevice(CoverageMatrix matrix) {
        CoverageCell cell = matrix.cell(KillChainStep.COOKIE_REPLAY, Control.COMPLIANT_DEVICE);
        if (cell.status() == CellStatus.ENFORCED && cell.personas().contains(Persona.ALL_USERS)
                && cell.personas().contains(Persona.ADMINS)) return;
        String detail = cell.status() == CellStatus.ENFORCED
                ? "Enforced only for " + labels(cell.personas()) + "." : "No enabled policy requires a compliant or "
                + "hybrid-joined device." + reportOnlySuffix(cell.status() == CellStatus.REPORT_ONLY ? cell.policies() : List.of());
        add(Check.COMPLIANT_DEVICE_MISSING, detail, cell.policies());
    }

    private static String labels(Set<Persona> personas) {
        return String.join(", ", personas.stream().map(Persona::label).toList());
    }

    private void tokenProtection() {
        List<ConditionalAccessPolicy> tp = snapshot.policies().stream()
                .filter(p -> p.state() != PolicyState.DISABLED && p.sessionControls().tokenProtection()).toList();
        if (tp.stream().noneMatch(ConditionalAccessPolicy::enforced)) {
            List<String> names = tp.stream().map(ConditionalAccessPolicy::label).toList();
            add(Check.TOKEN_PROTECTION_MISSING, "No enabled policy requires token protection." + reportOnlySuffix(names), names);
        }
        for (ConditionalAccessPolicy p : tp) {
            List<String> problems = new ArrayList<>();
            List<String> apps = p.conditions().applications().includeApplications();
            if (apps.stream().anyMatch("All"::equalsIgnoreCase)) problems.add("targets All resources");
            if (apps.stream().anyMatch(WellKnownApps.OFFICE_365_GROUP::equalsIgnoreCase)) problems.add("targets the Office365 group");
            Set<ClientAppType> clients = p.conditions().clientAppTypes();
            if (clients.isEmpty() || clients.contains(ClientAppType.ALL) || clients.contains(ClientAppType.BROWSER)) {
                problems.add("includes browsers");
            }
            Set<Platform> platforms = p.conditions().platforms().includePlatforms();
            if (platforms.isEmpty() || !Set.of(Platform.WINDOWS).containsAll(platforms)) {
                problems.add("platforms are not limited to windows");
            }
            if (!problems.isEmpty()) {
                add(Check.TOKEN_PROTECTION_MISSCOPED, p.label() + " " + String.join(", ", problems) + ".", List.of(p.label()));
            }
        }
    }

    private void cae(CoverageMatrix matrix) {
        CoverageCell cell = matrix.cell(KillChainStep.COOKIE_REPLAY, Control.CAE);
        if (cell.status() != CellStatus.ENFORCED) {
            add(Check.CAE_STRICT_MISSING, "No enabled policy sets continuousAccessEvaluation to strictLocation or "
                    + "strictEnforcement." + reportOnlySuffix(cell.status() == CellStatus.REPORT_ONLY ? cell.policies() : List.of()),
                    cell.policies());
        }
    }

    private void riskPolicies() {
        risk(true);
        risk(false);
    }

    /** Sign-in (or user) risk: an enabled policy that applies to ordinary users at high risk and stops the replay. */
    private void risk(boolean signIn) {
        Check check = signIn ? Check.SIGN_IN_RISK_POLICY_MISSING : Check.USER_RISK_POLICY_MISSING;
        List<String> covering = new ArrayList<>();
        boolean medium = false;
        for (RiskLevel level : List.of(RiskLevel.HIGH, RiskLevel.MEDIUM)) {
            SignInCase base = replay.attackerCase(Persona.ALL_USERS, new Access.Resource(Target.EXCHANGE_ONLINE));
            SignInCase c = new SignInCase(base.persona(), base.user(), base.access(), base.platform(), base.clientApp(),
                    base.network(), base.device(), signIn ? level : RiskLevel.NONE, signIn ? RiskLevel.NONE : level,
                    Optional.empty());
            for (ConditionalAccessPolicy p : snapshot.policies()) {
                if (!p.enforced() || (signIn ? p.conditions().signInRiskLevels() : p.conditions().userRiskLevels()).isEmpty()) continue;
                if (!CoverageMatrix.breaks(evaluator.decide(p, c, Holder.ATTACKER_REPLAY), Control.RISK_STEP_UP)) continue;
                if (level == RiskLevel.HIGH) covering.add(p.label());
                else medium = true;
            }
        }
        String kind = signIn ? "sign-in" : "user";
        if (covering.isEmpty()) {
            List<String> weak = snapshot.policies().stream().filter(p -> p.state() != PolicyState.DISABLED)
                    .filter(p -> !(signIn ? p.conditions().signInRiskLevels() : p.conditions().userRiskLevels()).isEmpty())
                    .map(ConditionalAccessPolicy::label).toList();
            add(check, "No enabled " + kind + "-risk policy for all users blocks or forces a fresh phishing-resistant "
                    + "sign-in." + (weak.isEmpty() ? "" : " Present but report-only, narrowed, or satisfied by the "
                    + "replayed MFA claim: " + String.join(", ", weak) + "."), weak);
        } else if (signIn && !medium) {
            findings.add(new Finding(check, Severity.MEDIUM, "Only high sign-in risk is handled ("
                    + String.join(", ", covering) + "); AiTM replays are usually scored medium and pass.", covering));
        }
    }

    private void everyTimeScope() {
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            if (p.state() == PolicyState.DISABLED) continue;
            if (!p.sessionControls().signInFrequency().map(f -> f.everyTime()).orElse(false)) continue;
            var apps = p.conditions().applications();
            boolean scoped = !apps.includeAuthenticationContextClassReferences().isEmpty()
                    || !apps.includeUserActions().isEmpty()
                    || !p.conditions().signInRiskLevels().isEmpty() || !p.conditions().userRiskLevels().isEmpty()
                    || (!apps.includeApplications().isEmpty() && apps.includeApplications().stream()
                        .allMatch(a -> EVERY_TIME_APPS.contains(a.toLowerCase(Locale.ROOT))));
            if (!scoped) {
                add(Check.EVERY_TIME_FREQUENCY_UNSCOPED, p.label() + " asks for a fresh sign-in every time on "
                        + String.join(", ", apps.includeApplications()) + " without an auth-context, user-action or risk "
                        + "scope.", List.of(p.label()));
            }
        }
    }

    private void authContexts() {
        boolean protectedActions = false;
        Set<String> contexts = CoverageMatrix.authContexts(evaluator);
        for (String id : contexts) {
            List<ConditionalAccessPolicy> targeting = snapshot.policies().stream()
                    .filter(p -> p.state() != PolicyState.DISABLED)
                    .filter(p -> p.conditions().applications().includeAuthenticationContextClassReferences().stream()
                            .anyMatch(id::equalsIgnoreCase)).toList();
            List<ConditionalAccessPolicy> enforced = targeting.stream().filter(ConditionalAccessPolicy::enforced).toList();
            Optional<AuthenticationContext> defined = snapshot.authenticationContext(id);
            if (enforced.isEmpty()) {
                List<String> names = targeting.stream().map(ConditionalAccessPolicy::label).toList();
                add(Check.AUTH_CONTEXT_UNTARGETED, "Authentication context " + id + defined.map(c -> " ('" + c.displayName()
                        + "')").orElse("") + " has no enabled policy." + reportOnlySuffix(names), names);
                continue;
            }
            boolean available = defined.map(AuthenticationContext::available).orElse(true);
            for (ConditionalAccessPolicy p : enforced) {
                boolean everyTime = p.sessionControls().signInFrequency().map(f -> f.everyTime()).orElse(false);
                boolean unrelayable = stopsReplay(p, id);
                List<String> missing = new ArrayList<>();
                if (!unrelayable) missing.add("a phishing-resistant strength or device-bound grant");
                if (!everyTime) missing.add("sign-in frequency every time");
                if (!missing.isEmpty()) {
                    add(Check.AUTH_CONTEXT_POLICY_WEAK, p.label() + " (auth context " + id + ") lacks "
                            + String.join(" and ", missing) + ".", List.of(p.label()));
                } else if (available) {
                    protectedActions = true;
                }
            }
        }
        if (!protectedActions) {
            add(Check.PROTECTED_ACTIONS_MISSING, contexts.isEmpty()
                    ? "No authentication context exists, so no protected action can guard Conditional Access or "
                    + "named-location changes."
                    : "No available authentication context has an enabled policy demanding a fresh phishing-resistant "
                    + "sign-in, so protected actions on CA management cannot stop a replayed admin session.", List.of());
        }
    }

    /** Whether a replayed admin or user session fails this auth-context policy's grant. */
    private boolean stopsReplay(ConditionalAccessPolicy p, String context) {
        for (Persona persona : List.of(Persona.ADMINS, Persona.ALL_USERS)) {
            for (Platform platform : ReplaySimulation.ATTACKER_PLATFORMS) {
                PolicyDecision d = evaluator.decide(p, replay.attackerCase(persona, new Access.AuthContext(context))
                        .with(platform, ClientAppType.BROWSER), Holder.ATTACKER_REPLAY);
                if (d.applies()) return d.grant() == GrantResult.BLOCK || d.grant() == GrantResult.NOT_SATISFIED;
            }
        }
        // Applies to neither persona (a narrower group): judge the grant's shape.
        return p.grantControls().map(g -> g.blocks() || g.builtInControls().contains(BuiltInControl.COMPLIANT_DEVICE)
                || g.builtInControls().contains(BuiltInControl.DOMAIN_JOINED_DEVICE)
                || g.authenticationStrength().flatMap(snapshot::resolve).map(AuthenticationStrength::phishingResistant)
                        .orElse(false)).orElse(false);
    }

    private void breakGlass() {
        if (breakGlass.inferred()) {
            add(Check.BREAK_GLASS_UNRESOLVED, "Using " + String.join(", ", breakGlass.ids()) + " (" + breakGlass.source().label()
                    + ").", List.of());
        }
        if (!breakGlass.known()) return;
        boolean protectedByOwn = false;
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            if (p.state() == PolicyState.DISABLED) continue;
            UserCondition u = p.conditions().users();
            boolean explicit = u.includeUsers().stream().anyMatch(breakGlass::contains)
                    || u.includeGroups().stream().anyMatch(breakGlass::contains);
            if (explicit) {
                boolean phishingResistant = p.grantControls().flatMap(GrantControls::authenticationStrength)
                        .flatMap(snapshot::resolve).map(AuthenticationStrength::phishingResistant).orElse(false);
                protectedByOwn |= p.enforced() && phishingResistant;
                continue;
            }
            PolicyDecision d = evaluator.decide(p, replay.attackerCase(Persona.BREAK_GLASS,
                    new Access.Resource(Target.EXCHANGE_ONLINE)), Holder.ATTACKER_REPLAY);
            if (d.condition() == ConditionKind.USERS || d.condition() == ConditionKind.WORKLOAD_IDENTITIES) continue;
            boolean risky = p.grantControls().map(g -> g.blocks() || g.builtInControls().contains(BuiltInControl.COMPLIANT_DEVICE)
                    || g.builtInControls().contains(BuiltInControl.DOMAIN_JOINED_DEVICE) || g.authenticationStrength().isPresent())
                    .orElse(false);
            findings.add(new Finding(Check.BREAK_GLASS_NOT_EXCLUDED, risky ? Severity.HIGH : Severity.MEDIUM,
                    p.label() + " (" + p.state().graphName() + ") applies to the break-glass accounts"
                            + (risky ? " and can lock them out." : "."), List.of(p.label())));
        }
        if (!protectedByOwn) {
            add(Check.BREAK_GLASS_UNPROTECTED, "No enabled policy targets " + String.join(", ", breakGlass.ids())
                    + " with a phishing-resistant strength.", List.of());
        }
    }

    private void longRunningReportOnly() {
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            if (!p.reportOnly()) continue;
            Optional<Instant> since = p.modifiedDateTime().or(p::createdDateTime);
            if (since.isEmpty()) continue;
            long days = Duration.between(since.get(), now).toDays();
            if (days > REPORT_ONLY_LIMIT.toDays()) {
                add(Check.LONG_RUNNING_REPORT_ONLY, p.label() + " has been report-only for " + days + " days (last "
                        + "modified " + since.get().toString().substring(0, 10) + ").", List.of(p.label()));
            }
        }
    }

    private Network everydayNetwork() {
        return networks.attackerInAllowedCountry().orElse(networks.attacker());
    }

    private void legacyAuthentication() {
        List<String> open = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            for (ClientAppType legacy : List.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)) {
                SignInCase c = replay.attackerCase(persona, new Access.Resource(Target.EXCHANGE_ONLINE))
                        .with(Platform.WINDOWS, legacy).with(everydayNetwork());
                c = new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(), c.device(),
                        RiskLevel.NONE, RiskLevel.NONE, Optional.empty());
                if (evaluator.evaluate(c, Holder.PASSWORD_ONLY).outcome() == Outcome.GRANTED) {
                    open.add(persona.label() + " via " + legacy.graphName());
                }
            }
        }
        if (!open.isEmpty()) {
            add(Check.LEGACY_AUTH_NOT_BLOCKED, "A password alone signs in over legacy protocols: " + String.join(", ", open)
                    + ".", policiesWith(p -> p.conditions().clientAppTypes().contains(ClientAppType.EXCHANGE_ACTIVE_SYNC)
                    || p.conditions().clientAppTypes().contains(ClientAppType.OTHER)));
        }
    }

    private void deviceCode() {
        List<String> open = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            // The victim completes device-code sign-in on their own network; the tokens go to the attacker's device.
            SignInCase c = replay.attackerCase(persona, new Access.Resource(Target.EXCHANGE_ONLINE))
                    .with(networks.legitimate()).withFlow(TransferMethod.DEVICE_CODE_FLOW);
            c = new SignInCase(c.persona(), c.user(), c.access(), Platform.WINDOWS, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS,
                    c.network(), c.device(), RiskLevel.NONE, RiskLevel.NONE, c.authenticationFlow());
            if (evaluator.evaluate(c, Holder.ATTACKER_REPLAY).outcome() == Outcome.GRANTED) open.add(persona.label());
        }
        if (!open.isEmpty()) {
            add(Check.DEVICE_CODE_NOT_BLOCKED, "Device-code sign-in succeeds for " + String.join(", ", open) + ".",
                    policiesWith(p -> p.conditions().transferMethods().contains(TransferMethod.DEVICE_CODE_FLOW)));
        }
    }

    private void securityInfoRegistration() {
        List<String> open = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS)) {
            SignInCase c = replay.attackerCase(persona, new Access.Action(UserAction.REGISTER_SECURITY_INFORMATION));
            boolean granted = false;
            for (Platform platform : ReplaySimulation.ATTACKER_PLATFORMS) {
                granted |= evaluator.evaluate(c.with(platform, ClientAppType.BROWSER), Holder.ATTACKER_REPLAY).outcome()
                        == Outcome.GRANTED;
            }
            if (granted) open.add(persona.label());
        }
        if (!open.isEmpty()) {
            add(Check.SECURITY_INFO_REGISTRATION_UNPROTECTED, "A replayed session registers new security information for "
                    + String.join(", ", open) + ".", policiesWith(p -> p.conditions().applications().includeUserActions()
                    .contains(UserAction.REGISTER_SECURITY_INFORMATION)));
        }
    }

    /** Persona × resource × platform × client with a password alone: any grant is a sign-in with no MFA at all. */
    private void mfaGaps() {
        List<Platform> platforms = List.of(Platform.WINDOWS, Platform.MACOS, Platform.LINUX, Platform.IOS, Platform.ANDROID);
        List<Target> targets = List.of(Target.EXCHANGE_ONLINE, Target.SHAREPOINT_ONLINE, Target.AZURE_MANAGEMENT,
                Target.ADMIN_PORTALS, Target.ANY_OTHER_APP);
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            Map<Target, List<String>> gaps = new LinkedHashMap<>();
            for (Target target : targets) {
                for (Platform platform : platforms) {
                    for (ClientAppType client : ReplaySimulation.CLIENTS) {
                        SignInCase c = replay.attackerCase(persona, new Access.Resource(target)).with(platform, client)
                                .with(everydayNetwork());
                        c = new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(),
                                c.device(), RiskLevel.NONE, RiskLevel.NONE, Optional.empty());
                        if (evaluator.evaluate(c, Holder.PASSWORD_ONLY).outcome() == Outcome.GRANTED) {
                            gaps.computeIfAbsent(target, t -> new ArrayList<>()).add(platform.graphName() + "/"
                                    + (client == ClientAppType.BROWSER ? "browser" : "desktop"));
                        }
                    }
                }
            }
            if (gaps.isEmpty()) continue;
            List<String> parts = new ArrayList<>();
            gaps.forEach((t, cells) -> parts.add(t.label() + " [" + (cells.size() == platforms.size() * 2 ? "every platform and client"
                    : String.join(", ", cells)) + "]"));
            add(Check.MFA_GAP, "No enforced MFA for " + persona.label() + ": " + String.join("; ", parts) + ".", List.of());
        }
    }

    private void riskCombined() {
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            if (p.state() == PolicyState.DISABLED) continue;
            if (!p.conditions().signInRiskLevels().isEmpty() && !p.conditions().userRiskLevels().isEmpty()) {
                add(Check.RISK_CONDITIONS_COMBINED, p.label() + " sets both sign-in risk and user risk.", List.of(p.label()));
            }
        }
    }

    private void inertPolicies() {
        // Report-only templates use "None" as a placeholder for the apps to fill in; only enabled ones mislead.
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            if (!p.enforced()) continue;
            var apps = p.conditions().applications();
            boolean noResources = apps.includeApplications().isEmpty()
                    || apps.includeApplications().stream().allMatch("None"::equalsIgnoreCase);
            boolean targetsUsers = !p.conditions().users().includeUsers().stream().allMatch("None"::equalsIgnoreCase)
                    || !p.conditions().users().includeGroups().isEmpty() || !p.conditions().users().includeRoles().isEmpty()
                    || p.conditions().users().includeGuestsOrExternalUsers().isPresent();
            if (noResources && targetsUsers && apps.includeUserActions().isEmpty()
                    && apps.includeAuthenticationContextClassReferences().isEmpty() && apps.applicationFilter().isEmpty()) {
                add(Check.INERT_POLICY, p.label() + " targets no resources, so it never applies.", List.of(p.label()));
            }
        }
    }

    private List<String> policiesWith(Predicate<ConditionalAccessPolicy> test) {
        return snapshot.policies().stream().filter(p -> p.state() != PolicyState.DISABLED).filter(test)
                .map(ConditionalAccessPolicy::label).toList();
    }
}
