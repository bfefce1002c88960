package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ContinuousAccessEvaluationMode;
import io.aitmdefense.posture.model.NamedLocationKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AITM-CA-030: a control configured without what it depends on. CAE strict location needs IP named locations; a
 * policy on an authentication context needs the context defined and published so an app or protected action can
 * request it; a protected action needs an enabled policy on its context (else admins loop on re-authentication).
 */
final class ControlPrerequisiteMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-030", Severity.MEDIUM,
            "A control is configured without its prerequisite",
            "Some controls only work when something outside the policy exists. CAE strictLocation compares the IP the "
                    + "resource sees with the IP-based named locations; without any it cannot tell 'ours' from 'theirs'. "
                    + "A policy on an authentication context fires only when an app, PIM or a protected action requests "
                    + "that context, which needs the context defined and published (isAvailable). A protected action "
                    + "whose context has no enabled policy sends admins into a re-authentication loop and guards nothing.",
            "For strictLocation, create IP named locations for every egress (IPv4 and IPv6, no split tunnel) and use "
                    + "them in the policy; for authentication contexts, define the context and publish it to apps, "
                    + "then tag the SharePoint label, app or protected action with it; for protected actions, enable "
                    + "the context's policy first and only then bind the action to it.");

    @Override
    public Check check() {
        return Check.CONTROL_PREREQUISITE_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        strictLocation(context, out);
        authContexts(context, out);
        protectedActions(context, out);
        return out;
    }

    private void strictLocation(CheckContext context, List<Finding> out) {
        List<String> strict = context.live().stream().filter(p -> p.sessionControls().continuousAccessEvaluation()
                .filter(m -> m == ContinuousAccessEvaluationMode.STRICT_LOCATION).isPresent())
                .map(ConditionalAccessPolicy::label).toList();
        if (strict.isEmpty()) return;
        // An export without named locations cannot show whether IP ones exist: that is unknown, not a finding.
        if (context.snapshot().namedLocations().isEmpty()) return;
        boolean ipLocations = context.snapshot().namedLocations().stream()
                .anyMatch(l -> l.kind() == NamedLocationKind.IP && !l.ipRanges().isEmpty());
        if (ipLocations) return;
        out.add(new Finding(check(), String.join(", ", strict) + " set" + (strict.size() == 1 ? "s" : "")
                + " CAE strictLocation, but every named location in the export is country- or network-based, none "
                + "lists IP ranges.", strict));
    }

    private void authContexts(CheckContext context, List<Finding> out) {
        // Without an exported contexts list nothing can be said about definitions.
        if (context.snapshot().authenticationContexts().isEmpty()) return;
        for (ConditionalAccessPolicy p : context.live()) {
            for (String id : p.conditions().applications().includeAuthenticationContextClassReferences()) {
                Optional<AuthenticationContext> defined = context.snapshot().authenticationContext(id);
                if (defined.isEmpty()) {
                    out.add(new Finding(check(), p.label() + " targets authentication context " + id + ", which the "
                            + "export does not define: nothing can request it, so the policy never applies.",
                            List.of(p.label())));
                } else if (!defined.get().available()) {
                    out.add(new Finding(check(), p.label() + " targets authentication context " + id + " ('"
                            + defined.get().displayName() + "'), which is not published to apps (isAvailable false): "
                            + "no app, label or protected action can request it.", List.of(p.label())));
                }
            }
        }
    }

    private void protectedActions(CheckContext context, List<Finding> out) {
        for (String id : context.protectedActionContexts()) {
            List<ConditionalAccessPolicy> targeting = context.live().stream()
                    .filter(p -> p.conditions().applications().includeAuthenticationContextClassReferences().stream()
                            .anyMatch(id::equalsIgnoreCase)).toList();
            if (targeting.stream().anyMatch(ConditionalAccessPolicy::enforced)) continue;
            List<String> names = targeting.stream().map(ConditionalAccessPolicy::label).toList();
            // Microsoft documents the loop for a context whose policy is off or report-only.
            String effect = names.isEmpty() ? "no policy steps the action up"
                    : "only report-only " + String.join(", ", names) + " targets it, which sends admins into a "
                    + "re-authentication loop without stepping the action up";
            out.add(new Finding(check(), Severity.HIGH, "Protected actions require authentication context " + id
                    + ", but no enabled policy targets it: " + effect + ".", names));
        }
    }
}
