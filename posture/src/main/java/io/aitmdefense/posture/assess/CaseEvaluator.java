package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.whatif.CaEvaluator;
import io.aitmdefense.posture.whatif.GrantResult;
import io.aitmdefense.posture.whatif.PolicyDecision;
import io.aitmdefense.posture.whatif.Requirement;
import io.aitmdefense.posture.whatif.SignInScenario;
import io.aitmdefense.posture.whatif.SignInTarget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs our hypothetical sign-ins through the What If evaluator ({@link CaEvaluator}: applicability and grant algebra)
 * and adds what What If does not model: session controls a replayed token cannot satisfy (token protection, every-time
 * sign-in frequency). Block wins; every applicable enforced policy must be satisfied; report-only policies are
 * reported as "would stop" and never enforce.
 */
public final class CaseEvaluator {

    private final CaEvaluator whatIf;
    private final Map<ConditionalAccessPolicy, Integer> index = new IdentityHashMap<>();
    /** The matrix asks the same policy about the same probe once per control; decide once. */
    private final Map<DecisionKey, PolicyDecision> decisions = new HashMap<>();

    private record DecisionKey(int policy, SignInCase signIn, Holder holder) {
    }

    public CaseEvaluator(ConditionalAccessSnapshot snapshot) {
        this.whatIf = new CaEvaluator(snapshot);
        for (ConditionalAccessPolicy p : snapshot.policies()) index.putIfAbsent(p, index.size());
    }

    public ConditionalAccessSnapshot snapshot() {
        return whatIf.snapshot();
    }

    /** The What If request for this sign-in made by this holder. */
    public static SignInScenario scenario(SignInCase c, Holder holder) {
        SignInScenario s = SignInScenario.of(c.user(), target(c.access()))
                .withClientApp(c.clientApp())
                .withPlatform(c.platform())
                .withDevice(c.device().info())
                .withSignInRisk(c.signInRisk())
                .withUserRisk(c.userRisk())
                .withNamedLocations(c.network().namedLocationIds())
                .withMethods(holder.methods())
                .withControls(holder.controls());
        if (c.network().ip().isPresent()) s = s.withIp(c.network().ip().get());
        if (c.network().country().isPresent()) s = s.withCountry(c.network().country().get());
        if (c.authenticationFlow().isPresent()) s = s.withAuthenticationFlow(c.authenticationFlow().get());
        return s;
    }

    private static SignInTarget target(Access access) {
        if (access instanceof Access.Resource r) return new SignInTarget.Applications(Set.of(r.target().appId()));
        if (access instanceof Access.Action a) return new SignInTarget.Action(a.action());
        return new SignInTarget.AuthenticationContext(((Access.AuthContext) access).contextId());
    }

    /** One policy against one sign-in, whatever its state. */
    public PolicyDecision decide(ConditionalAccessPolicy policy, SignInCase signIn, Holder holder) {
        Integer i = index.get(policy);
        if (i == null) return whatIf.decide(policy, scenario(signIn, holder));
        return decisions.computeIfAbsent(new DecisionKey(i, signIn, holder), k -> whatIf.decide(policy, scenario(signIn, holder)));
    }

    public boolean applies(ConditionalAccessPolicy policy, SignInCase signIn) {
        return decide(policy, signIn, Holder.ATTACKER_REPLAY).applies();
    }

    public Verdict evaluate(SignInCase signIn, Holder holder) {
        List<Verdict.PolicyReason> blocks = new ArrayList<>();
        List<Verdict.PolicyReason> unmet = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        List<Verdict.PolicyReason> reportOnly = new ArrayList<>();
        for (PolicyDecision d : whatIf.evaluate(scenario(signIn, holder)).applicable()) {
            ConditionalAccessPolicy p = d.policy();
            Optional<Verdict.PolicyReason> stop = stop(d, signIn, holder);
            if (p.enforced()) {
                applied.add(p.label());
                stop.ifPresent(r -> (d.grant() == GrantResult.BLOCK ? blocks : unmet).add(r));
            } else if (p.reportOnly()) {
                stop.ifPresent(reportOnly::add);
            }
        }
        Outcome outcome = !blocks.isEmpty() ? Outcome.BLOCKED : !unmet.isEmpty() ? Outcome.UNMEETABLE : Outcome.GRANTED;
        List<Verdict.PolicyReason> deciding = new ArrayList<>(blocks);
        deciding.addAll(unmet);
        return new Verdict(outcome, deciding, applied, reportOnly);
    }

    /** Why this applicable policy stops the holder, or empty when the holder satisfies it. */
    static Optional<Verdict.PolicyReason> stop(PolicyDecision d, SignInCase signIn, Holder holder) {
        String label = d.policy().label();
        if (d.grant() == GrantResult.BLOCK) return Optional.of(new Verdict.PolicyReason(label, "blocks"));
        if (d.grant() == GrantResult.NOT_SATISFIED) {
            String joiner = d.unmet().size() > 1 && d.operator() == GrantOperator.OR ? " or " : " and ";
            return Optional.of(new Verdict.PolicyReason(label, "needs " + d.unmet().stream().map(Requirement::describe)
                    .collect(Collectors.joining(joiner))));
        }
        return unmetSession(d.policy().sessionControls(), signIn, holder).map(r -> new Verdict.PolicyReason(label, r));
    }

    static Optional<String> unmetSession(SessionControls s, SignInCase signIn, Holder holder) {
        if (s.tokenProtection()) {
            if (!tokenProtectionSupported(signIn)) {
                return Optional.of("token protection cannot be satisfied by " + clientLabel(signIn) + ": sign-in blocked");
            }
            if (!holder.hasBoundToken()) return Optional.of("token protection: the replayed token is not bound to this device");
        }
        if (s.signInFrequency().map(f -> f.everyTime()).orElse(false) && !holder.canSignInAgain()) {
            return Optional.of("sign-in frequency every time: needs a fresh sign-in");
        }
        return Optional.empty();
    }

    /** Windows native clients on Exchange and SharePoint; browsers, other platforms and resources cannot do it. */
    static boolean tokenProtectionSupported(SignInCase signIn) {
        return signIn.platform() == Platform.WINDOWS
                && signIn.clientApp() == ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS
                && signIn.access() instanceof Access.Resource r && r.target().tokenProtectionSupported();
    }

    static String clientLabel(SignInCase signIn) {
        return signIn.clientApp().graphName() + " on " + signIn.platform().graphName() + " to " + signIn.access().label();
    }
}
