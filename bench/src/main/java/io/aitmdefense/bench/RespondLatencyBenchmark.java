package io.aitmdefense.bench;

import io.aitmdefense.graph.http.RetryPolicy;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import io.aitmdefense.respond.api.GraphTenantApi;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.config.AutoPolicy;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.Outcome;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.Runner;
import io.aitmdefense.respond.run.StepResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Seconds from an incident to its last automatic containment step verified, against the local tenant answering
 * every request after a round-trip delay and enforcing Identity Protection's one request per second (429 without
 * Retry-After, so the client backs off as it would against Graph). The clock starts when the incident exists (as
 * the incident tracker emits it) and covers: connecting, the preflight reads, planning, the policy decision, the
 * evidence bundle (one JSON batch plus the beta sign-ins), and for each automatic step read → write → read-back →
 * audit line forced to disk. Goal: under 10 s.
 *
 * <pre>java -cp bench/target/aitm-bench.jar io.aitmdefense.bench.RespondLatencyBenchmark [latency-ms …]</pre>
 */
public final class RespondLatencyBenchmark {
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (String a : args) latencies.add(Long.parseLong(a));
        if (latencies.isEmpty()) latencies = List.of(0L, 150L, 300L);
        run(0, 1); // warm-up: class loading and the JIT, not part of any figure
        System.out.println("latency_ms  runs  to_last_auto_step_s (min / median / max)  whole_run_s (median)  requests");
        for (long ms : latencies) {
            List<double[]> results = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) results.add(run(ms, i));
            results.sort((x, y) -> Double.compare(x[0], y[0]));
            double[] median = results.get(RUNS / 2);
            List<Double> whole = results.stream().map(r -> r[1]).sorted().toList();
            System.out.printf(Locale.ROOT, "%10d  %4d  %6.2f / %6.2f / %6.2f                  %6.2f            %4.0f%n", ms, RUNS,
                    results.get(0)[0], median[0], results.get(RUNS - 1)[0], whole.get(RUNS / 2), median[2]);
        }
    }

    /** @return seconds to the last automatic step verified, seconds for the whole run, requests sent */
    private static double[] run(long latencyMs, int n) throws Exception {
        Path dir = Files.createTempDirectory("aitm-respond-bench");
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Contoso.seed(tenant);
            tenant.latency(Duration.ofMillis(latencyMs));
            tenant.identityProtectionLimit(true);
            AutoPolicy policy = new AutoPolicy(List.of("signin-then-persistence"), 0.9);

            Instant t0 = Instant.now();
            Findings f = IncidentFindings.from(Contoso.lukasIncident());
            var api = new GraphTenantApi(Contoso.clients(tenant, dir.resolve("tenant.yaml"), RetryPolicy.defaults()), false);
            if (!policy.decide(f).automatic()) throw new IllegalStateException("the policy must cover the incident");
            UserFacts facts = UserFactsReader.read(api, f.user());
            Plan plan = new Planner().plan(f, Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
            RunReport r;
            try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
                r = new Runner(api, audit, Clock.systemUTC(), "policy:respond.auto").run(plan, facts,
                        Approval.automatic("signin-then-persistence"), Optional.of(dir.resolve("evidence")));
            }
            Instant lastAuto = t0;
            for (StepResult s : r.results()) {
                if (s.step().kind().automatic() && s.step().kind() != io.aitmdefense.respond.plan.StepKind.EVIDENCE) {
                    if (s.outcome() != Outcome.VERIFIED) throw new IllegalStateException(s.step().id() + " ended " + s.outcome() + ": " + s.message());
                    if (s.time().isAfter(lastAuto)) lastAuto = s.time();
                }
            }
            return new double[] {Duration.between(t0, lastAuto).toMillis() / 1000.0,
                    Duration.between(t0, r.finished()).toMillis() / 1000.0, tenant.requests().size()};
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
