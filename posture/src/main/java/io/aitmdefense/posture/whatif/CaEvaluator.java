package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.SessionControls;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Local What If: which policies apply to a sign-in, why, and the combined outcome (block wins, every applicable
 * grant must hold, report-only evaluated but never enforced). Works offline and for hypothetical policies.
 */
public final class CaEvaluator {

    private final ConditionalAccessSnapshot snapshot;
    private final PolicyApplicability applicability;
    private final GrantCheck grants;

    public CaEvaluator(ConditionalAccessSnapshot snapshot) {
        this.snapshot = snapshot;
        this.applicability = new PolicyApplicability(snapshot);
        this.grants = new GrantCheck(snapshot);
    }

    public ConditionalAccessSnapshot snapshot() {
        return snapshot;
    }

    public Evaluation evaluate(SignInScenario scenario) {
        List<PolicyDecision> decisions = snapshot.policies().stream().map(p -> decide(p, scenario)).toList();
        CombinedOutcome enforced = combine(decisions.stream().filter(d -> d.policy().enforced()).toList());
        CombinedOutcome projected = combine(decisions.stream()
                .filter(d -> d.policy().enforced() || d.policy().reportOnly()).toList());
        return new Evaluation(scenario, decisions, enforced, projected);
    }

    /** One policy alone, ignoring its state (used for disabled or hypothetical policies too). */
    public PolicyDecision decide(ConditionalAccessPolicy policy, SignInScenario scenario) {
        GrantOperator op = policy.grantControls().map(GrantControls::operator).orElse(GrantOperator.OR);
        if (policy.state() == PolicyState.DISABLED) {
            return new PolicyDecision(policy, Applicability.NOT_ENABLED, ConditionKind.POLICY_NOT_ENABLED,
                    "policy is disabled", GrantResult.NO_GRANT_CONTROLS, op, List.of(), List.of());
        }
        List<ConditionCheck> checks = applicability.checks(policy.conditions(), scenario);
        for (ConditionCheck c : checks) {
            if (c.verdict() == ConditionCheck.Verdict.NO_MATCH) {
                return new PolicyDecision(policy, Applicability.DOES_NOT_APPLY, c.kind(), c.reason(),
                        GrantResult.NO_GRANT_CONTROLS, op, List.of(), List.of());
            }
        }
        List<ConditionCheck> unknown = checks.stream().filter(c -> c.verdict() == ConditionCheck.Verdict.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            return new PolicyDecision(policy, Applicability.NOT_ENOUGH_INFORMATION, unknown.get(0).kind(),
                    unknown.stream().map(ConditionCheck::reason).collect(Collectors.joining("; ")),
                    GrantResult.NO_GRANT_CONTROLS, op, List.of(), List.of());
        }
        String matched = checks.stream().map(ConditionCheck::reason).filter(r -> !r.isBlank())
                .filter(r -> !r.startsWith("any ") && !r.startsWith("all client apps"))
                .collect(Collectors.joining("; "));
        if (policy.grantControls().isEmpty()) {
            return new PolicyDecision(policy, Applicability.APPLIES, ConditionKind.ALL_MATCHED, matched,
                    GrantResult.NO_GRANT_CONTROLS, op, List.of(), List.of());
        }
        GrantControls g = policy.grantControls().get();
        if (g.blocks()) {
            return new PolicyDecision(policy, Applicability.APPLIES, ConditionKind.ALL_MATCHED, matched,
                    GrantResult.BLOCK, op, List.of(), List.of());
        }
        List<Requirement> terms = grants.terms(g);
        List<Requirement> unmet = terms.stream().filter(t -> !grants.satisfied(t, scenario)).toList();
        boolean ok = terms.isEmpty() || (op == GrantOperator.AND ? unmet.isEmpty() : unmet.size() < terms.size());
        return new PolicyDecision(policy, Applicability.APPLIES, ConditionKind.ALL_MATCHED, matched,
                ok ? GrantResult.SATISFIED : GrantResult.NOT_SATISFIED, op, terms, ok ? List.of() : unmet);
    }

    private static CombinedOutcome combine(List<PolicyDecision> decisions) {
        List<String> blockedBy = new ArrayList<>();
        List<PendingGrant> pending = new ArrayList<>();
        List<SessionControls> sessions = new ArrayList<>();
        List<String> undetermined = new ArrayList<>();
        for (PolicyDecision d : decisions) {
            if (d.applicability() == Applicability.NOT_ENOUGH_INFORMATION) undetermined.add(d.policy().label());
            if (!d.applies()) continue;
            switch (d.grant()) {
                case BLOCK -> blockedBy.add(d.policy().label());
                case NOT_SATISFIED -> pending.add(new PendingGrant(d.policy().id(), d.policy().label(), d.operator(),
                        d.operator() == GrantOperator.OR ? d.required() : d.unmet()));
                case SATISFIED, NO_GRANT_CONTROLS -> { }
            }
            sessions.add(d.policy().sessionControls());
        }
        if (!blockedBy.isEmpty()) {
            return new CombinedOutcome(Outcome.BLOCKED, blockedBy, List.of(), SessionControls.NONE, undetermined);
        }
        Outcome outcome = pending.isEmpty() ? Outcome.GRANTED : Outcome.REQUIREMENTS_REMAINING;
        return new CombinedOutcome(outcome, List.of(), pending, SessionMerge.merge(sessions), undetermined);
    }
}
