package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ContinuousAccessEvaluationMode;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.UserAction;
import io.aitmdefense.posture.whatif.GrantResult;
import io.aitmdefense.posture.whatif.PolicyDecision;
import io.aitmdefense.posture.whatif.RequirementKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kill-chain steps × controls. A cell is enforced when an enabled policy that implements the control applies to at
 * least one of the step's probe sign-ins; its note names what that policy leaves out (personas, platforms, clients,
 * resources) so a control that covers admins on Windows only is not mistaken for full coverage.
 */
public record CoverageMatrix(List<CoverageCell> cells) {

    public CoverageMatrix {
        cells = List.copyOf(cells);
    }

    public CoverageCell cell(KillChainStep step, Control control) {
        return cells.stream().filter(c -> c.step() == step && c.control() == control).findFirst().orElseThrow();
    }

    static CoverageMatrix build(CaseEvaluator evaluator, ReplaySimulation replay) {
        List<CoverageCell> cells = new ArrayList<>();
        for (KillChainStep step : KillChainStep.values()) {
            for (Control control : Control.values()) {
                cells.add(step.brokenBy(control) ? cell(evaluator, replay, step, control)
                        : new CoverageCell(step, control, CellStatus.NOT_APPLICABLE, List.of(), Set.of(), List.of(), ""));
            }
        }
        return new CoverageMatrix(cells);
    }

    private static CoverageCell cell(CaseEvaluator evaluator, ReplaySimulation replay, KillChainStep step, Control control) {
        List<SignInCase> probes = probes(evaluator, replay, step, control);
        Set<String> enforced = new LinkedHashSet<>();
        Set<String> reportOnly = new LinkedHashSet<>();
        Set<Persona> personas = EnumSet.noneOf(Persona.class);
        List<SignInCase> covered = new ArrayList<>();
        boolean mediumRisk = false;
        boolean everyTime = true;
        for (ConditionalAccessPolicy p : evaluator.snapshot().policies()) {
            if (p.state() == PolicyState.DISABLED) continue;
            List<SignInCase> hits = probes.stream()
                    // Token protection only breaks replay where it can be enforced; elsewhere it just blocks everyone.
                    .filter(c -> control != Control.TOKEN_PROTECTION || CaseEvaluator.tokenProtectionSupported(c))
                    .filter(c -> breaks(evaluator.decide(p, c, Holder.ATTACKER_REPLAY), control)).toList();
            if (hits.isEmpty()) continue;
            if (p.enforced()) {
                enforced.add(p.label());
                hits.forEach(c -> personas.add(c.persona()));
                covered.addAll(hits);
                mediumRisk |= p.conditions().signInRiskLevels().contains(RiskLevel.MEDIUM)
                        || p.conditions().userRiskLevels().contains(RiskLevel.MEDIUM);
                everyTime &= p.sessionControls().signInFrequency().map(f -> f.everyTime()).orElse(false);
            } else if (p.reportOnly()) {
                reportOnly.add(p.label());
            }
        }
        if (enforced.isEmpty()) {
            return new CoverageCell(step, control, reportOnly.isEmpty() ? CellStatus.MISSING : CellStatus.REPORT_ONLY,
                    List.copyOf(reportOnly), Set.of(), List.of(), reportOnly.isEmpty() ? "" : "would break the step once promoted");
        }
        List<String> uncovered = gaps(probes, covered);
        List<String> notes = new ArrayList<>();
        if (!uncovered.isEmpty()) notes.add("not covered: " + String.join(", ", uncovered));
        if (control == Control.RISK_STEP_UP && !mediumRisk) notes.add("high risk only: a medium-risk replay passes");
        if (control == Control.TOKEN_PROTECTION) notes.add("Windows desktop clients only; browser cookies stay replayable");
        if ((control == Control.AUTH_CONTEXT_EVERY_TIME || control == Control.PROTECTED_ACTIONS) && !everyTime) {
            notes.add("no every-time sign-in frequency");
        }
        if (control == Control.PROTECTED_ACTIONS) notes.add("protected-action bindings are not in the export");
        if (!reportOnly.isEmpty()) notes.add("report-only: " + String.join(", ", reportOnly));
        return new CoverageCell(step, control, CellStatus.ENFORCED, List.copyOf(enforced), personas, uncovered,
                String.join("; ", notes));
    }

    /** The probe dimensions no enforced policy reached, e.g. guests, linux. */
    private static List<String> gaps(List<SignInCase> probes, List<SignInCase> covered) {
        Set<String> missing = new TreeSet<>();
        for (SignInCase p : probes) {
            if (covered.stream().noneMatch(c -> c.persona() == p.persona())) missing.add(p.persona().label());
            if (covered.stream().noneMatch(c -> c.platform() == p.platform())) missing.add(p.platform().graphName());
            if (covered.stream().noneMatch(c -> c.clientApp() == p.clientApp())) missing.add(p.clientApp().graphName());
            if (covered.stream().noneMatch(c -> c.access().equals(p.access()))) missing.add(p.access().label());
        }
        return List.copyOf(missing);
    }

    /** True when this applicable policy, through the given control, stops a replayed session. */
    static boolean breaks(PolicyDecision d, Control control) {
        if (!d.applies()) return false;
        ConditionalAccessPolicy p = d.policy();
        boolean stops = d.grant() == GrantResult.NOT_SATISFIED;
        Set<RequirementKind> unmet = EnumSet.noneOf(RequirementKind.class);
        d.unmet().forEach(r -> unmet.add(r.kind()));
        boolean everyTime = p.sessionControls().signInFrequency().map(f -> f.everyTime()).orElse(false);
        return switch (control) {
            case PHISHING_RESISTANT_MFA -> stops && unmet.contains(RequirementKind.AUTHENTICATION_STRENGTH);
            case COMPLIANT_DEVICE -> stops && (unmet.contains(RequirementKind.COMPLIANT_DEVICE)
                    || unmet.contains(RequirementKind.HYBRID_JOINED_DEVICE));
            case TOKEN_PROTECTION -> p.sessionControls().tokenProtection();
            case CAE -> p.sessionControls().continuousAccessEvaluation()
                    .map(m -> m == ContinuousAccessEvaluationMode.STRICT_LOCATION
                            || m == ContinuousAccessEvaluationMode.STRICT_ENFORCEMENT).orElse(false);
            case RISK_STEP_UP -> (!p.conditions().signInRiskLevels().isEmpty() || !p.conditions().userRiskLevels().isEmpty())
                    && (d.grant() == GrantResult.BLOCK || stops || everyTime);
            case AUTH_CONTEXT_EVERY_TIME, PROTECTED_ACTIONS ->
                    !p.conditions().applications().includeAuthenticationContextClassReferences().isEmpty()
                            && (d.grant() == GrantResult.BLOCK || stops || everyTime);
        };
    }

    private static List<SignInCase> probes(CaseEvaluator evaluator, ReplaySimulation replay, KillChainStep step, Control control) {
        List<Persona> personas = switch (step) {
            case CA_TAMPERING -> List.of(Persona.ADMINS);
            case OAUTH_CONSENT -> List.of(Persona.ALL_USERS, Persona.ADMINS);
            default -> List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS);
        };
        List<Access> accesses = new ArrayList<>();
        List<Platform> platforms = ReplaySimulation.ATTACKER_PLATFORMS;
        List<ClientAppType> clients = ReplaySimulation.CLIENTS;
        switch (step) {
            case CREDENTIAL_CAPTURE, COOKIE_THEFT -> {
                accesses.add(new Access.Resource(Target.EXCHANGE_ONLINE));
                accesses.add(new Access.Resource(Target.SHAREPOINT_ONLINE));
                // The proxy forwards the victim's user agent, so every platform the victim may use is in play.
                platforms = List.of(Platform.WINDOWS, Platform.MACOS, Platform.LINUX, Platform.IOS, Platform.ANDROID);
            }
            case REPLAY -> {
                if (control == Control.AUTH_CONTEXT_EVERY_TIME) {
                    authContexts(evaluator).forEach(id -> accesses.add(new Access.AuthContext(id)));
                } else {
                    for (Target t : List.of(Target.EXCHANGE_ONLINE, Target.SHAREPOINT_ONLINE, Target.AZURE_MANAGEMENT,
                            Target.ADMIN_PORTALS)) accesses.add(new Access.Resource(t));
                }
            }
            case MFA_REGISTRATION -> {
                accesses.add(new Access.Action(UserAction.REGISTER_SECURITY_INFORMATION));
                clients = List.of(ClientAppType.BROWSER);
            }
            case OAUTH_CONSENT -> {
                accesses.add(new Access.Resource(Target.ANY_OTHER_APP));
                clients = List.of(ClientAppType.BROWSER);
            }
            case CA_TAMPERING -> {
                if (control == Control.AUTH_CONTEXT_EVERY_TIME || control == Control.PROTECTED_ACTIONS) {
                    authContexts(evaluator).forEach(id -> accesses.add(new Access.AuthContext(id)));
                } else {
                    accesses.add(new Access.Resource(Target.ADMIN_PORTALS));
                    accesses.add(new Access.Resource(Target.AZURE_MANAGEMENT));
                }
            }
        }
        boolean risky = control == Control.RISK_STEP_UP;
        List<SignInCase> probes = new ArrayList<>();
        for (Persona persona : personas) {
            for (Access access : accesses) {
                for (Platform platform : platforms) {
                    for (ClientAppType client : clients) {
                        SignInCase c = replay.attackerCase(persona, access).with(platform, client);
                        probes.add(risky ? new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(),
                                c.network(), c.device(), RiskLevel.HIGH, RiskLevel.HIGH, c.authenticationFlow()) : c);
                    }
                }
            }
        }
        return probes;
    }

    /** Every authentication context defined or referenced by a policy. */
    static Set<String> authContexts(CaseEvaluator evaluator) {
        Set<String> ids = new TreeSet<>();
        for (AuthenticationContext c : evaluator.snapshot().authenticationContexts()) ids.add(c.id());
        for (ConditionalAccessPolicy p : evaluator.snapshot().policies()) {
            ids.addAll(p.conditions().applications().includeAuthenticationContextClassReferences());
        }
        return ids;
    }
}
