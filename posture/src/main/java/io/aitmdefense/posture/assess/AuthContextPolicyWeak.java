package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.whatif.GrantResult;
import io.aitmdefense.posture.whatif.PolicyDecision;

import java.util.ArrayList;
import java.util.List;

/** AITM-CA-014: an enabled auth-context policy a replayed session satisfies (no phishing-resistant or device-bound grant, or no every-time frequency). */
final class AuthContextPolicyWeak implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-014", Severity.MEDIUM,
            "An authentication-context policy can be satisfied by a replayed session",
            "Step-up through an authentication context only breaks replay when the required method cannot be relayed "
                    + "(phishing-resistant strength or device-bound grant) and is asked again each time (sign-in "
                    + "frequency 'every time'); plain MFA is already carried by the stolen session.",
            "Require authentication strength 'Phishing-resistant MFA' (or compliant device) and session control "
                    + "sign-in frequency 'every time' in the policy targeting this context.");

    /** Enabled and report-only policies that target the context. */
    static List<ConditionalAccessPolicy> targeting(CheckContext context, String id) {
        return context.live().stream().filter(p -> p.conditions().applications()
                .includeAuthenticationContextClassReferences().stream().anyMatch(id::equalsIgnoreCase)).toList();
    }

    static List<ConditionalAccessPolicy> enforcedTargeting(CheckContext context, String id) {
        return targeting(context, id).stream().filter(ConditionalAccessPolicy::enforced).toList();
    }

    /** What an enabled auth-context policy lacks to stop a replay; empty when it stops one. */
    static List<String> missing(CheckContext context, ConditionalAccessPolicy p, String id) {
        boolean everyTime = p.sessionControls().signInFrequency().map(f -> f.everyTime()).orElse(false);
        List<String> missing = new ArrayList<>();
        if (!stopsReplay(context, p, id)) missing.add("a phishing-resistant strength or device-bound grant");
        if (!everyTime) missing.add("sign-in frequency every time");
        return missing;
    }

    /** Whether a replayed admin or user session fails this auth-context policy's grant. */
    private static boolean stopsReplay(CheckContext context, ConditionalAccessPolicy p, String authContext) {
        for (Persona persona : List.of(Persona.ADMINS, Persona.ALL_USERS)) {
            for (Platform platform : ReplaySimulation.ATTACKER_PLATFORMS) {
                PolicyDecision d = context.evaluator().decide(p, context.replay().attackerCase(persona,
                        new Access.AuthContext(authContext)).with(platform, ClientAppType.BROWSER), Holder.ATTACKER_REPLAY);
                if (d.applies()) return d.grant() == GrantResult.BLOCK || d.grant() == GrantResult.NOT_SATISFIED;
            }
        }
        // Applies to neither persona (a narrower group): judge the grant's shape.
        return p.grantControls().map(g -> g.blocks() || g.builtInControls().contains(BuiltInControl.COMPLIANT_DEVICE)
                || g.builtInControls().contains(BuiltInControl.DOMAIN_JOINED_DEVICE)
                || g.authenticationStrength().flatMap(context.snapshot()::resolve)
                        .map(AuthenticationStrength::phishingResistant).orElse(false)).orElse(false);
    }

    @Override
    public Check check() {
        return Check.AUTH_CONTEXT_POLICY_WEAK;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (String id : CoverageMatrix.authContexts(context.evaluator())) {
            for (ConditionalAccessPolicy p : enforcedTargeting(context, id)) {
                List<String> missing = missing(context, p, id);
                if (!missing.isEmpty()) {
                    out.add(new Finding(check(), p.label() + " (auth context " + id + ") lacks "
                            + String.join(" and ", missing) + ".", List.of(p.label())));
                }
            }
        }
        return out;
    }
}
