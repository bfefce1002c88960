package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.SessionControls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Combines the applicable policies for one sign-in the way Entra does (block wins, every applicable enforced policy
 * must be satisfied, report-only evaluated but not enforced) and decides what a given session holder can satisfy:
 * the attacker takes the weakest path through each grant.
 */
public final class CaseEvaluator {

    private final ConditionalAccessSnapshot snapshot;
    private final PolicyMatcher matcher;

    public CaseEvaluator(ConditionalAccessSnapshot snapshot, PolicyMatcher matcher) {
        this.snapshot = snapshot;
        this.matcher = matcher;
    }

    public ConditionalAccessSnapshot snapshot() {
        return snapshot;
    }

    public boolean applies(ConditionalAccessPolicy policy, SignInCase signIn) {
        return policy.state() != PolicyState.DISABLED && matcher.applies(policy, signIn);
    }

    public Verdict evaluate(SignInCase signIn, Holder holder) {
        List<Verdict.PolicyReason> blocks = new ArrayList<>();
        List<Verdict.PolicyReason> unmet = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        List<Verdict.PolicyReason> reportOnly = new ArrayList<>();
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            if (!applies(p, signIn)) continue;
            Optional<Verdict.PolicyReason> stop = stop(p, signIn, holder);
            if (p.enforced()) {
                applied.add(p.label());
                stop.ifPresent(r -> (r.reason().equals(BLOCKS) ? blocks : unmet).add(r));
            } else if (p.reportOnly()) {
                stop.ifPresent(reportOnly::add);
            }
        }
        Outcome outcome = !blocks.isEmpty() ? Outcome.BLOCKED : !unmet.isEmpty() ? Outcome.UNMEETABLE : Outcome.GRANTED;
        List<Verdict.PolicyReason> deciding = new ArrayList<>(blocks);
        deciding.addAll(unmet);
        return new Verdict(outcome, deciding, applied, reportOnly);
    }

    static final String BLOCKS = "blocks";

    /** Why this policy stops the holder, or empty when the holder satisfies it. */
    Optional<Verdict.PolicyReason> stop(ConditionalAccessPolicy p, SignInCase signIn, Holder holder) {
        Optional<String> grant = p.grantControls().flatMap(g -> unmetGrant(g, holder));
        if (grant.isPresent()) return Optional.of(new Verdict.PolicyReason(p.label(), grant.get()));
        return unmetSession(p.sessionControls(), signIn, holder).map(r -> new Verdict.PolicyReason(p.label(), r));
    }

    /** Empty when the holder can satisfy the grant; otherwise what it cannot give ({@link #BLOCKS} for a block). */
    Optional<String> unmetGrant(GrantControls g, Holder holder) {
        if (g.blocks()) return Optional.of(BLOCKS);
        List<String> missing = new ArrayList<>();
        int terms = 0;
        for (BuiltInControl c : g.builtInControls()) {
            terms++;
            if (!holder.meets(c)) missing.add(c.graphName());
        }
        if (g.authenticationStrength().isPresent()) {
            terms++;
            AuthenticationStrength s = snapshot.resolve(g.authenticationStrength().get())
                    .orElse(g.authenticationStrength().get());
            if (!holder.meets(s)) missing.add("strength '" + nameOf(s) + "'");
        }
        for (String ignored : g.termsOfUse()) {
            terms++;
            if (!holder.meetsTermsOrCustom()) missing.add("terms of use");
        }
        for (String ignored : g.customAuthenticationFactors()) {
            terms++;
            if (!holder.meetsTermsOrCustom()) missing.add("custom control");
        }
        if (terms == 0 || missing.isEmpty()) return Optional.empty();
        boolean all = g.operator() == GrantOperator.AND || terms == 1;
        if (!all && missing.size() < terms) return Optional.empty();
        return Optional.of("needs " + String.join(all ? " and " : " or ", missing));
    }

    static Optional<String> unmetSession(SessionControls s, SignInCase signIn, Holder holder) {
        if (s.tokenProtection()) {
            if (!tokenProtectionSupported(signIn)) {
                return Optional.of("token protection cannot be satisfied by " + clientLabel(signIn) + " — sign-in blocked");
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

    private static String nameOf(AuthenticationStrength s) {
        return s.displayName().isBlank() ? s.id() : s.displayName();
    }
}
