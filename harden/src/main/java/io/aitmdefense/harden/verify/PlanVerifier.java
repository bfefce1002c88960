package io.aitmdefense.harden.verify;

import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlannedContext;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.harden.plan.PromisedCell;
import io.aitmdefense.harden.plan.TargetPolicy;
import io.aitmdefense.posture.assess.Access;
import io.aitmdefense.posture.assess.BreakGlass;
import io.aitmdefense.posture.assess.CaseEvaluator;
import io.aitmdefense.posture.assess.CellStatus;
import io.aitmdefense.posture.assess.Check;
import io.aitmdefense.posture.assess.CoverageCell;
import io.aitmdefense.posture.assess.Holder;
import io.aitmdefense.posture.assess.Networks;
import io.aitmdefense.posture.assess.Outcome;
import io.aitmdefense.posture.assess.Persona;
import io.aitmdefense.posture.assess.Personas;
import io.aitmdefense.posture.assess.PostureAssessment;
import io.aitmdefense.posture.assess.PostureAssessor;
import io.aitmdefense.posture.assess.ReplaySimulation;
import io.aitmdefense.posture.assess.SignInCase;
import io.aitmdefense.posture.assess.Target;
import io.aitmdefense.posture.assess.Verdict;
import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the posture assessment before and after the plan and compares them (see {@link PlanVerification}). */
public final class PlanVerifier {

    /** Every platform the victim may use: the proxy forwards the victim's user agent, so the replay can claim any. */
    public static final List<Platform> PLATFORMS = List.of(Platform.WINDOWS, Platform.MACOS, Platform.LINUX,
            Platform.IOS, Platform.ANDROID);
    static final List<ClientAppType> CLIENTS = List.of(ClientAppType.BROWSER, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS);
    static final List<Target> TARGETS = List.of(Target.EXCHANGE_ONLINE, Target.SHAREPOINT_ONLINE, Target.AZURE_MANAGEMENT,
            Target.ADMIN_PORTALS);

    private final Clock clock;

    public PlanVerifier(Clock clock) {
        this.clock = clock;
    }

    public PlanVerification verify(ConditionalAccessSnapshot export, HardenPlan plan) {
        Set<String> breakGlass = Set.copyOf(plan.options().breakGlass().all());
        ConditionalAccessSnapshot applied = applied(export, plan);
        PostureAssessor assessor = new PostureAssessor();
        PostureAssessment before = assessor.assess(export, new PostureAssessor.Options(breakGlass, Set.of(), clock));
        PostureAssessment after = assessor.assess(applied, new PostureAssessor.Options(breakGlass,
                Set.of(TargetPolicy.TENANT_CONFIG_CONTEXT_ID), clock));
        List<PlanVerification.Cell> cells = new ArrayList<>();
        for (CoverageCell a : after.matrix().cells()) {
            if (a.status() == CellStatus.NOT_APPLICABLE) continue;
            CoverageCell b = before.matrix().cell(a.step(), a.control());
            cells.add(new PlanVerification.Cell(a.step(), a.control(), b.status(), a.status(), a.policies(), a.note()));
        }
        List<PlanVerification.Promise> promises = new ArrayList<>();
        List<PlanVerification.FindingClosure> findings = new ArrayList<>();
        for (PlannedPolicy p : plan.policies()) {
            for (PromisedCell cell : p.target().cells()) {
                promises.add(new PlanVerification.Promise(p.displayName(), cell,
                        after.matrix().cell(cell.step(), cell.control()).status() == CellStatus.ENFORCED));
            }
            for (Check check : p.target().closes()) {
                findings.add(new PlanVerification.FindingClosure(p.displayName(), check.id(), !before.findings(check).isEmpty(),
                        !after.findings(check).isEmpty()));
            }
        }
        List<PlanVerification.Replay> replays = replays(export, applied, breakGlass);
        return new PlanVerification(before.score(), after.score(), cells, promises, findings, replays, gaps(replays, after));
    }

    /** The export with the plan applied and every planned policy enforced for all users; contexts made available. */
    static ConditionalAccessSnapshot applied(ConditionalAccessSnapshot export, HardenPlan plan) {
        // by identity: policy-as-code exports may carry no ids at all
        Map<ConditionalAccessPolicy, ConditionalAccessPolicy> adopted = new IdentityHashMap<>();
        List<ConditionalAccessPolicy> policies = new ArrayList<>();
        for (PlannedPolicy p : plan.policies()) {
            if (!p.generated()) adopted.put(p.policy(), p.enforced());
        }
        for (ConditionalAccessPolicy p : export.policies()) policies.add(adopted.getOrDefault(p, p));
        for (PlannedPolicy p : plan.generated()) policies.add(p.enforced());
        List<AuthenticationContext> contexts = new ArrayList<>(export.authenticationContexts());
        for (PlannedContext c : plan.contexts()) {
            contexts.removeIf(x -> x.id().equalsIgnoreCase(c.context().id()));
            contexts.add(c.context());
        }
        return new ConditionalAccessSnapshot(policies, export.namedLocations(), export.authenticationStrengths(), contexts,
                export.directory());
    }

    private static List<PlanVerification.Replay> replays(ConditionalAccessSnapshot export, ConditionalAccessSnapshot applied,
                                                         Set<String> breakGlass) {
        World before = new World(export, breakGlass);
        World after = new World(applied, breakGlass);
        List<PlanVerification.Replay> out = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            for (Target target : TARGETS) {
                for (Platform platform : PLATFORMS) {
                    for (ClientAppType client : CLIENTS) {
                        Verdict b = before.evaluate(persona, target, platform, client);
                        Verdict a = after.evaluate(persona, target, platform, client);
                        boolean bindable = platform == Platform.WINDOWS && client == ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS
                                && target.tokenProtectionSupported();
                        out.add(new PlanVerification.Replay(persona, target, platform, client, b.outcome(), a.outcome(),
                                a.decidingPolicies(), bindable));
                    }
                }
            }
        }
        return out;
    }

    /** What stays open after the plan, in words: granted replays first, then cells that are still partial. */
    private static List<String> gaps(List<PlanVerification.Replay> replays, PostureAssessment after) {
        List<String> gaps = new ArrayList<>();
        Map<String, List<String>> granted = new LinkedHashMap<>();
        for (PlanVerification.Replay r : replays) {
            if (r.after() != Outcome.GRANTED) continue;
            granted.computeIfAbsent(r.persona().label() + " → " + r.target().label(), k -> new ArrayList<>())
                    .add(r.platform().graphName() + "/" + client(r.client()));
        }
        granted.forEach((k, v) -> gaps.add("replay still granted: " + k + " from " + String.join(", ", v)));
        long notBindable = replays.stream().filter(r -> r.persona() == Persona.ALL_USERS && !r.tokenProtectionCanBind()).count();
        long notBindableStopped = replays.stream().filter(r -> r.persona() == Persona.ALL_USERS && !r.tokenProtectionCanBind()
                && r.after() != Outcome.GRANTED).count();
        gaps.add("token protection cannot bind browsers, macOS, Linux, iOS or Android, nor Azure management and admin portals: "
                + notBindableStopped + " of " + notBindable + " such replays for all users are stopped by other controls "
                + "(compliant device), judged for a replay Identity Protection does not flag");
        for (CoverageCell c : after.matrix().cells()) {
            if (c.status() == CellStatus.ENFORCED && !c.uncovered().isEmpty()) {
                gaps.add(c.step().label() + " × " + c.control().label() + ": not covered: " + String.join(", ", c.uncovered()));
            }
        }
        return gaps;
    }

    static String client(ClientAppType c) {
        return c == ClientAppType.BROWSER ? "browser" : "desktop";
    }

    /** One snapshot's evaluator and the attacker's sign-ins in it. */
    private static final class World {
        final CaseEvaluator evaluator;
        final ReplaySimulation replay;

        World(ConditionalAccessSnapshot snapshot, Set<String> breakGlass) {
            this.evaluator = new CaseEvaluator(snapshot);
            this.replay = new ReplaySimulation(evaluator, new Personas(snapshot, BreakGlass.resolve(snapshot, breakGlass)),
                    Networks.of(snapshot), Set.of());
        }

        Verdict evaluate(Persona persona, Target target, Platform platform, ClientAppType client) {
            SignInCase c = replay.attackerCase(persona, new Access.Resource(target)).with(platform, client);
            // The replay Identity Protection does not flag: what device-bound controls do on their own.
            SignInCase unflagged = new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(),
                    c.device(), RiskLevel.NONE, RiskLevel.NONE, c.authenticationFlow());
            return evaluator.evaluate(unflagged, Holder.ATTACKER_REPLAY);
        }
    }

}
