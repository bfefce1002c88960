package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.assess.SignInCase;
import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.PolicyState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Plans the target set against an export. For each target it asks our own evaluator which existing policies of the
 * same kind, for All users, stop every replayed sign-in the target must stop (switched on, on their own): the best is
 * adopted — kept, or changed in state and exclusions only — and nothing is generated; otherwise a report-only policy
 * for the pilot group is generated and the weaker look-alikes are named.
 */
public final class PolicyPlanner {

    public HardenPlan plan(ConditionalAccessSnapshot export, PlanOptions options) {
        ProbeKit kit = new ProbeKit(export, options.breakGlass());
        List<PlannedPolicy> planned = new ArrayList<>();
        for (TargetPolicy target : TargetPolicy.values()) planned.add(plan(export, options, kit, target));
        List<PlannedContext> contexts = new ArrayList<>();
        contexts.add(context(export, TargetPolicy.TENANT_CONFIG_CONTEXT_ID, "Tenant configuration changes",
                "Protected actions on Conditional Access and named locations: fresh phishing-resistant sign-in every time"));
        contexts.add(context(export, TargetPolicy.STEP_UP_CONTEXT_ID, "Sensitive resources",
                "Labelled sites and privileged activations: fresh phishing-resistant sign-in every time"));
        String c2Policy = planned.stream().filter(p -> p.target() == TargetPolicy.TENANT_CONFIG_CONTEXT).findFirst()
                .orElseThrow().displayName();
        List<ProtectedActionBinding> bindings = ProtectedActionBinding.CA_MANAGEMENT_ACTIONS.stream()
                .map(a -> new ProtectedActionBinding(a, TargetPolicy.TENANT_CONFIG_CONTEXT_ID, c2Policy)).toList();
        List<String> notes = new ArrayList<>();
        notes.add("Every new policy starts report-only for the pilot group " + options.pilotGroup()
                + "; `aitm harden gate` decides when a ring may advance.");
        notes.add("Break-glass excluded everywhere: users " + listOrNone(options.breakGlass().users()) + ", groups "
                + listOrNone(options.breakGlass().groups()) + ".");
        notes.add("Protected actions are bound to " + TargetPolicy.TENANT_CONFIG_CONTEXT_ID + " only after '" + c2Policy
                + "' is On; bound earlier they lock admins in a re-authentication loop.");
        notes.add("Block device code is generated for everyone; exclude the accounts that still need it (meeting-room "
                + "devices, CLI sign-ins): the gate lists who would be blocked.");
        return new HardenPlan(options, contexts, planned, bindings, notes);
    }

    private static String listOrNone(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private PlannedPolicy plan(ConditionalAccessSnapshot export, PlanOptions options, ProbeKit kit, TargetPolicy target) {
        List<SignInCase> probes = target.probes(kit);
        List<ConditionalAccessPolicy> equivalents = new ArrayList<>();
        List<String> overlaps = new ArrayList<>();
        for (ConditionalAccessPolicy p : export.policies()) {
            if (!target.sameKind(p)) continue;
            long stopped = probes.stream().filter(c -> kit.stops(p, c)).count();
            if (stopped == probes.size() && p.conditions().users().includesAllUsers()) {
                equivalents.add(p);
            } else if (stopped == probes.size()) {
                // the personas are assumed members of every group a policy includes; a group is still not everyone
                overlaps.add(p.label() + (MicrosoftManaged.is(p) ? " (Microsoft-managed)" : "") + " stops every replay but "
                        + "only for its groups (" + String.join(", ", p.conditions().users().includeGroups()) + "), so it is not "
                        + "adopted; ours covers All users");
            } else {
                List<String> open = probes.stream().filter(c -> !kit.stops(p, c)).map(PolicyPlanner::label).distinct()
                        .limit(4).toList();
                overlaps.add(p.label() + (MicrosoftManaged.is(p) ? " (Microsoft-managed)" : "") + " is weaker: stops "
                        + stopped + " of " + probes.size() + " replays; open: " + String.join(", ", open));
            }
        }
        String closes = String.join(", ", target.closes().stream().map(c -> c.id()).toList());
        String why = "Breaks " + target.step().label() + ": " + target.breaks() + ". Closes " + closes + ".";
        Optional<ConditionalAccessPolicy> best = equivalents.stream().min(Comparator.comparingInt(PolicyPlanner::rank));
        if (best.isEmpty()) {
            ConditionalAccessPolicy generated = target.build(options, Audience.PILOT, PolicyState.REPORT_ONLY);
            ConditionalAccessPolicy enforced = target.build(options, Audience.ALL_USERS, PolicyState.ENABLED);
            return new PlannedPolicy(target, Decision.CREATE, generated, false,
                    new PolicyChange(Optional.empty(), List.of(), List.of()), enforced, why, overlaps);
        }
        ConditionalAccessPolicy existing = best.get();
        equivalents.stream().filter(p -> p != existing).forEach(p -> overlaps.add(p.label() + " is also equivalent"));
        // A disabled equivalent comes back report-only; an enabled or report-only one keeps its state (rings move it).
        Optional<PolicyState> state = existing.state() == PolicyState.DISABLED ? Optional.of(PolicyState.REPORT_ONLY)
                : Optional.empty();
        PolicyChange change = PolicyChange.toAdopt(existing, options.breakGlass(), state);
        Decision decision = change.empty() && existing.enforced() ? Decision.KEEP : Decision.CHANGE;
        ConditionalAccessPolicy enforced = ProbeKit.enabled(change.applyTo(existing));
        String adopted = "Adopts existing '" + existing.label() + "' (" + existing.state().graphName() + ")"
                + (MicrosoftManaged.is(existing) ? ", Microsoft-managed: only its state and exclusions are changed" : "")
                + ". ";
        return new PlannedPolicy(target, decision, existing, MicrosoftManaged.is(existing), change, enforced,
                adopted + why, overlaps);
    }

    /** Prefer what is already enforced, then report-only, then disabled; ours over Microsoft's on a tie. */
    private static int rank(ConditionalAccessPolicy p) {
        int state = switch (p.state()) {
            case ENABLED -> 0;
            case REPORT_ONLY -> 2;
            case DISABLED -> 4;
        };
        return state + (MicrosoftManaged.is(p) ? 1 : 0);
    }

    private static String label(SignInCase c) {
        String client = switch (c.clientApp()) {
            case BROWSER -> "browser";
            case MOBILE_APPS_AND_DESKTOP_CLIENTS -> "desktop";
            default -> c.clientApp().graphName();
        };
        return c.persona().label() + " " + c.access().label() + " " + c.platform().graphName() + "/" + client;
    }

    private static PlannedContext context(ConditionalAccessSnapshot export, String id, String name, String description) {
        Optional<AuthenticationContext> existing = export.authenticationContext(id);
        if (existing.isEmpty()) {
            return new PlannedContext(new AuthenticationContext(id, name, description, true), Decision.CREATE);
        }
        AuthenticationContext c = existing.get();
        return c.available() ? new PlannedContext(c, Decision.KEEP)
                : new PlannedContext(new AuthenticationContext(c.id(), c.displayName(), c.description(), true), Decision.CHANGE);
    }
}
