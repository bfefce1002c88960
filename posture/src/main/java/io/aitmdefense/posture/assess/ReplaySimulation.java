package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For each persona and sensitive target, evaluates what a replayed session gets from the attacker's machine and what
 * the real user gets from a managed device. CA-policy management is the admin-portal sign-in followed by the step-up
 * a protected action requests through an authentication context.
 */
public final class ReplaySimulation {

    static final List<Platform> ATTACKER_PLATFORMS = List.of(Platform.LINUX, Platform.WINDOWS);
    static final List<ClientAppType> CLIENTS = List.of(ClientAppType.BROWSER, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS);
    /** Every platform a replay can claim: the platform condition is read from the user agent the attacker sends. */
    static final List<Platform> PERMUTATION_PLATFORMS = List.of(Platform.WINDOWS, Platform.MACOS, Platform.LINUX,
            Platform.IOS, Platform.ANDROID);

    private final CaseEvaluator evaluator;
    private final Personas personas;
    private final Networks networks;
    private final Set<String> protectedActionContexts;

    /**
     * @param protectedActionContexts auth contexts known to guard CA management; empty = unknown, in which case every
     *                                available context an enforced policy targets is assumed to be the one used
     */
    public ReplaySimulation(CaseEvaluator evaluator, Personas personas, Networks networks, Set<String> protectedActionContexts) {
        this.evaluator = evaluator;
        this.personas = personas;
        this.networks = networks;
        this.protectedActionContexts = Set.copyOf(protectedActionContexts);
    }

    public List<ReplayResult> run() {
        List<ReplayResult> results = new ArrayList<>();
        for (Persona persona : Persona.values()) {
            for (Target target : Target.sensitive()) {
                if (target == Target.CA_MANAGEMENT && (persona == Persona.ALL_USERS || persona == Persona.GUESTS)) continue;
                results.add(replay(persona, target));
            }
        }
        return results;
    }

    /**
     * The replay of each persona to each target (every app the simulation knows, including one no policy names) as
     * every platform × client, from the attacker's best network: a host in an allowed country when the policies use
     * country locations. caOptics enumerates the same permutations but only asks whether some policy applies.
     */
    public List<ReplayCoverage> permutations() {
        Network network = networks.attackerInAllowedCountry().orElse(networks.attacker());
        List<ReplayCoverage> out = new ArrayList<>();
        for (Persona persona : Persona.values()) {
            for (Target target : Target.values()) {
                if (target == Target.CA_MANAGEMENT && (persona == Persona.ALL_USERS || persona == Persona.GUESTS)) continue;
                List<ReplayResult.Variant> variants = new ArrayList<>();
                for (Platform platform : PERMUTATION_PLATFORMS) {
                    for (ClientAppType client : CLIENTS) {
                        SignInCase c = attackerCase(persona, new Access.Resource(target)).with(platform, client).with(network);
                        variants.add(new ReplayResult.Variant(platform, client,
                                stepUp(c, evaluator.evaluate(c, Holder.ATTACKER_REPLAY), Holder.ATTACKER_REPLAY)));
                    }
                }
                out.add(new ReplayCoverage(persona, target, variants));
            }
        }
        return out;
    }

    public SignInCase attackerCase(Persona persona, Access access) {
        return new SignInCase(persona, personas.user(persona), access, Platform.LINUX, ClientAppType.BROWSER,
                networks.attacker(), DeviceState.UNREGISTERED, RiskLevel.MEDIUM, RiskLevel.NONE, Optional.empty());
    }

    public SignInCase legitimateCase(Persona persona, Access access) {
        return new SignInCase(persona, personas.user(persona), access, Platform.WINDOWS, ClientAppType.BROWSER,
                networks.legitimate(), DeviceState.MANAGED_COMPLIANT, RiskLevel.NONE, RiskLevel.NONE, Optional.empty());
    }

    ReplayResult replay(Persona persona, Target target) {
        Access access = new Access.Resource(target);
        List<ReplayResult.Variant> variants = new ArrayList<>();
        Verdict worst = null;
        for (Platform platform : ATTACKER_PLATFORMS) {
            for (ClientAppType client : CLIENTS) {
                SignInCase c = attackerCase(persona, access).with(platform, client);
                Verdict v = stepUp(c, evaluator.evaluate(c, Holder.ATTACKER_REPLAY), Holder.ATTACKER_REPLAY);
                variants.add(new ReplayResult.Variant(platform, client, v));
                worst = worst == null || more(v, worst) ? v : worst;
            }
        }
        Optional<Verdict> inCountry = networks.attackerInAllowedCountry().map(n -> {
            Verdict best = null;
            for (Platform platform : ATTACKER_PLATFORMS) {
                for (ClientAppType client : CLIENTS) {
                    SignInCase c = attackerCase(persona, access).with(platform, client).with(n);
                    Verdict v = stepUp(c, evaluator.evaluate(c, Holder.ATTACKER_REPLAY), Holder.ATTACKER_REPLAY);
                    best = best == null || more(v, best) ? v : best;
                }
            }
            return best;
        });
        Verdict legit = null;
        for (ClientAppType client : CLIENTS) {
            SignInCase c = legitimateCase(persona, access).with(Platform.WINDOWS, client);
            Verdict v = stepUp(c, evaluator.evaluate(c, Holder.LEGITIMATE), Holder.LEGITIMATE);
            legit = legit == null || !more(v, legit) ? v : legit;
        }
        Optional<String> note = target == Target.CA_MANAGEMENT ? Optional.of(stepUpNote()) : Optional.empty();
        return new ReplayResult(persona, target, worst, variants, inCountry, legit, note);
    }

    /** Ranks verdicts by how much they give the holder: granted over a requirement over a block. */
    static boolean more(Verdict a, Verdict b) {
        return a.outcome().compareTo(b.outcome()) > 0;
    }

    /** CA management: once in the portal, the protected action asks for its authentication context. */
    private Verdict stepUp(SignInCase portal, Verdict portalVerdict, Holder holder) {
        if (!(portal.access() instanceof Access.Resource r) || r.target() != Target.CA_MANAGEMENT
                || portalVerdict.outcome() != Outcome.GRANTED) {
            return portalVerdict;
        }
        Verdict strongest = portalVerdict;
        for (String context : stepUpContexts()) {
            Verdict v = evaluator.evaluate(portal.with(new Access.AuthContext(context)), holder);
            if (more(strongest, v)) {
                strongest = v;
            } else if (!more(v, strongest)) {
                // Same outcome: keep what the portal sign-in applied and add what the step-up would add once promoted.
                List<Verdict.PolicyReason> reportOnly = new ArrayList<>(strongest.reportOnlyWouldStop());
                reportOnly.addAll(v.reportOnlyWouldStop());
                strongest = new Verdict(strongest.outcome(), strongest.deciding(), strongest.applied(), reportOnly);
            }
        }
        return strongest;
    }

    Set<String> stepUpContexts() {
        if (!protectedActionContexts.isEmpty()) return protectedActionContexts;
        Set<String> contexts = new LinkedHashSet<>();
        for (AuthenticationContext c : evaluator.snapshot().authenticationContexts()) {
            if (!c.available()) continue;
            for (ConditionalAccessPolicy p : evaluator.snapshot().policies()) {
                if (p.enforced() && p.conditions().applications().includeAuthenticationContextClassReferences().stream()
                        .anyMatch(c.id()::equalsIgnoreCase)) contexts.add(c.id());
            }
        }
        return contexts;
    }

    private String stepUpNote() {
        Set<String> contexts = stepUpContexts();
        if (contexts.isEmpty()) {
            return "no enforced policy targets an available authentication context, so a protected action cannot ask "
                    + "for step-up: CA changes need only the admin-portal sign-in";
        }
        if (!protectedActionContexts.isEmpty()) return "protected actions require " + String.join(", ", contexts);
        return "assumes the CA and named-location permissions are protected actions bound to " + String.join(" or ", contexts)
                + " (the export does not show protected-action bindings)";
    }
}
