package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.canary.SignInPageCanary;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Assesses a Conditional Access snapshot against the AiTM kill chain. Stateless apart from its options. */
public final class PostureAssessor {

    /**
     * @param breakGlassIds           configured break-glass user or group ids (added to the directory snapshot's)
     * @param protectedActionContexts auth contexts the CA-management protected actions require, when known
     * @param clock                   "now" for the age of report-only policies
     * @param canary                  the sign-in page canary as read from the branding, or not checked
     */
    public record Options(Set<String> breakGlassIds, Set<String> protectedActionContexts, Clock clock,
                          SignInPageCanary canary) {
        public Options {
            breakGlassIds = Set.copyOf(breakGlassIds);
            protectedActionContexts = Set.copyOf(protectedActionContexts);
        }

        /** Without the branding: the canary is reported as not checked. */
        public Options(Set<String> breakGlassIds, Set<String> protectedActionContexts, Clock clock) {
            this(breakGlassIds, protectedActionContexts, clock, SignInPageCanary.notChecked());
        }

        public static Options defaults() {
            return new Options(Set.of(), Set.of(), Clock.systemUTC());
        }
    }

    public PostureAssessment assess(ConditionalAccessSnapshot snapshot, Options options) {
        BreakGlass breakGlass = BreakGlass.resolve(snapshot, options.breakGlassIds());
        Personas personas = new Personas(snapshot, breakGlass);
        Networks networks = Networks.of(snapshot);
        CaseEvaluator evaluator = new CaseEvaluator(snapshot);
        ReplaySimulation replay = new ReplaySimulation(evaluator, personas, networks, options.protectedActionContexts());
        List<ReplayResult> replays = replay.run();
        List<ReplayCoverage> permutations = replay.permutations();
        CoverageMatrix matrix = CoverageMatrix.build(evaluator, replay);
        CheckContext context = new CheckContext(snapshot, evaluator, replay, replays, permutations, matrix, breakGlass,
                personas, networks, options.protectedActionContexts(), options.clock().instant(), options.canary());
        List<Finding> findings = new FindingRules(context).run();
        List<String> assumptions = new ArrayList<>(personas.assumptions());
        if (snapshot.namedLocations().isEmpty() && snapshot.policies().stream()
                .anyMatch(p -> p.conditions().locations().configured())) {
            assumptions.add("The export has no named locations; location ids the policies exclude are taken as the "
                    + "corporate network and nothing else.");
        }
        int enforced = (int) snapshot.policies().stream().filter(ConditionalAccessPolicy::enforced).count();
        int reportOnly = (int) snapshot.policies().stream().filter(ConditionalAccessPolicy::reportOnly).count();
        return new PostureAssessment(ControlScore.of(matrix), matrix, replays, findings, breakGlass, assumptions,
                snapshot.policies().size(), enforced, reportOnly, permutations, options.canary());
    }
}
