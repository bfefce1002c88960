package io.aitmdefense.respond.run;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.aitmdefense.respond.action.Action;
import io.aitmdefense.respond.action.Actions;
import io.aitmdefense.respond.action.Observation;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.audit.AuditEntry;
import io.aitmdefense.respond.audit.AuditSink;
import io.aitmdefense.respond.evidence.EvidenceBundle;
import io.aitmdefense.respond.evidence.EvidenceCollector;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.UserFacts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a plan by the step contract of reference/graph-response.md §3.1: for each step, read → diff → (if allowed)
 * one write per live object → read-back → audit. A step the approval does not cover is read and its diff shown, and
 * nothing is written: a dry run sends reads only. Each step succeeds or fails on its own; a failure never silently
 * skips the rest. A 404 on a DELETE counts as "already gone" only once a fresh read agrees; a write whose answer was
 * lost (or a non-idempotent write) is never repeated — the read-back decides.
 */
public final class Runner {
    private final TenantApi api;
    private final AuditSink audit;
    private final Clock clock;
    private final String actor;

    public Runner(TenantApi api, AuditSink audit, Clock clock, String actor) {
        this.api = api;
        this.audit = audit;
        this.clock = clock;
        this.actor = actor;
    }

    /**
     * @param evidenceFolder where the evidence bundle goes; empty to skip collection (a re-run that already has one)
     */
    public RunReport run(Plan plan, UserFacts user, Approval approval, Optional<Path> evidenceFolder) {
        Instant started = clock.instant();
        String incident = plan.findings().incidentId();
        audit.append(AuditEntry.decision(started, actor, approval.label(), incident, "", "started",
                "plan of " + plan.steps().size() + " steps for " + plan.findings().user()
                        + (approval.dryRun() ? " (dry run: reads only)" : "")));
        List<StepResult> results = new ArrayList<>();
        Optional<EvidenceBundle> bundle = Optional.empty();
        for (Step step : plan.steps()) {
            List<String> hashes = new ArrayList<>();
            StepResult r;
            if (step.kind() == io.aitmdefense.respond.plan.StepKind.EVIDENCE) {
                if (evidenceFolder.isEmpty()) continue;
                try {
                    EvidenceBundle b = new EvidenceCollector(api).collect(plan.findings(), user, evidenceFolder.get(), clock.instant());
                    bundle = Optional.of(b);
                    String msg = b.files().size() + " files in " + b.folder() + ", manifest sha256 " + b.manifestSha256()
                            + (b.failed().isEmpty() ? "" : "; " + b.failed().size() + " reads failed: "
                            + String.join(", ", b.failed().stream().map(i -> i.name() + " " + i.status()).toList()));
                    hashes.add(audit.append(new AuditEntry(clock.instant(), actor, approval.label(), incident, step.id(),
                            "evidence", "", MissingNode.getInstance(), 0, "", "", "collected", msg,
                            MissingNode.getInstance(), MissingNode.getInstance())));
                    r = new StepResult(step, Outcome.COLLECTED, clock.instant(), "", "", msg, hashes);
                } catch (IOException e) {
                    String msg = "could not write the evidence bundle: " + e.getMessage();
                    hashes.add(audit.append(AuditEntry.decision(clock.instant(), actor, approval.label(), incident,
                            step.id(), "failed", msg)));
                    r = new StepResult(step, Outcome.FAILED, clock.instant(), "", "", msg, hashes);
                }
                results.add(r);
                continue;
            }
            results.add(runStep(plan, user, step, approval, hashes));
        }
        Instant finished = clock.instant();
        long failed = results.stream().filter(x -> x.outcome() == Outcome.FAILED).count();
        audit.append(AuditEntry.decision(finished, actor, approval.label(), incident, "", "finished",
                results.size() + " steps, " + failed + " failed"));
        return new RunReport(plan, actor, approval, started, finished, results, bundle);
    }

    private StepResult runStep(Plan plan, UserFacts user, Step step, Approval approval, List<String> hashes) {
        String incident = plan.findings().incidentId();
        if (step.gate() == Step.Gate.REFUSED || step.gate() == Step.Gate.SCRIPT) {
            Outcome o = step.gate() == Step.Gate.REFUSED ? Outcome.REFUSED : Outcome.SCRIPT;
            String msg = o == Outcome.REFUSED ? "refused by the preflight (privileged or break-glass account)"
                    : "not run by aitm: see the script";
            hashes.add(audit.append(AuditEntry.decision(clock.instant(), actor, approval.label(), incident, step.id(),
                    o.name().toLowerCase(java.util.Locale.ROOT), msg)));
            return new StepResult(step, o, clock.instant(), "", "", msg, hashes);
        }
        Optional<Action> maybe = Actions.of(step, plan.findings(), user);
        if (maybe.isEmpty()) return new StepResult(step, Outcome.ALREADY_DONE, clock.instant(), "", "", "", hashes);
        Action action = maybe.get();
        RecordingApi reads = new RecordingApi(api);
        Observation before = action.observe(reads);
        hashes.add(audit.append(read(approval, incident, step, before, reads.take())));
        switch (before.state()) {
            case UNREADABLE -> {
                return new StepResult(step, Outcome.FAILED, clock.instant(), "", "", before.detail(), hashes);
            }
            case DONE -> {
                return new StepResult(step, Outcome.ALREADY_DONE, clock.instant(), before.detail(), "", "", hashes);
            }
            case NOT_FOUND -> {
                return new StepResult(step, Outcome.NOT_FOUND, clock.instant(), before.detail(), "", previously(incident, step)
                        .map(t -> "removed by an earlier run (verified " + t + ")").orElse(before.detail()), hashes);
            }
            case AMBIGUOUS -> {
                return new StepResult(step, Outcome.NEEDS_DECISION, clock.instant(), before.detail(), "", before.detail(), hashes);
            }
            case TODO -> { }
        }
        String change = action.change(before);
        if (!approval.allows(step)) {
            String why = step.gate() == Step.Gate.NAMED_ONLY ? "runs only when named: --approve=" + step.id()
                    : approval.mode() == Approval.Mode.AUTOMATIC ? "not automatic: waits for an analyst's --approve"
                    : "waits for --approve or --approve=" + step.id();
            hashes.add(audit.append(AuditEntry.decision(clock.instant(), actor, approval.label(), incident, step.id(),
                    "pending-approval", change)));
            return new StepResult(step, Outcome.PENDING, clock.instant(), before.detail(), change, why, hashes);
        }
        List<String> problems = new ArrayList<>();
        boolean goneOnDelete = false;
        for (Call write : action.writes(before)) {
            Reply reply = api.call(write);
            hashes.add(audit.append(new AuditEntry(clock.instant(), actor, approval.label(), incident, step.id(), "write",
                    write.describe(), write.body().orElse(MissingNode.getInstance()), reply.status(), reply.requestId(),
                    reply.clientRequestId(), reply.ok() ? "accepted" : "error", reply.ok() ? "" : reply.describe(),
                    before.snapshot(), MissingNode.getInstance())));
            if (reply.ok()) continue;
            if (reply.notFound() && write.method().equals("DELETE")) {
                goneOnDelete = true; // "already gone" only if the read-back below agrees
                continue;
            }
            if (reply.status() == 0) {
                problems.add("no answer to " + write.describe() + "; not repeated, the read-back decides");
                continue;
            }
            problems.add(write.describe() + ": " + reply.describe());
        }
        Observation after = action.observe(reads);
        String readBack = reads.take();
        boolean reached = after.state() == Observation.State.DONE || after.state() == Observation.State.NOT_FOUND;
        Outcome outcome;
        String message;
        if (reached && problems.stream().noneMatch(p -> !p.startsWith("no answer"))) {
            outcome = goneOnDelete && problems.isEmpty() ? Outcome.ALREADY_DONE : Outcome.VERIFIED;
            message = goneOnDelete ? "404 on DELETE, and a fresh read confirms it is gone" : "read-back: " + after.detail();
            if (!problems.isEmpty()) message += " (" + String.join("; ", problems) + ")";
        } else if (!problems.isEmpty()) {
            outcome = Outcome.FAILED;
            message = String.join("; ", problems);
        } else {
            outcome = Outcome.FAILED;
            message = "read-back mismatch: the write was accepted but the read shows " + after.detail();
        }
        hashes.add(audit.append(new AuditEntry(clock.instant(), actor, approval.label(), incident, step.id(), "verify",
                readBack, MissingNode.getInstance(), after.reply() == null ? 0 : after.reply().status(),
                after.reply() == null ? "" : after.reply().requestId(), "", outcome == Outcome.FAILED ? "failed"
                : outcome == Outcome.ALREADY_DONE ? "already-done" : "verified", message, before.snapshot(), after.snapshot())));
        return new StepResult(step, outcome, clock.instant(), before.detail(), change, message, hashes);
    }

    private AuditEntry read(Approval approval, String incident, Step step, Observation o, String requests) {
        Reply r = o.reply();
        return new AuditEntry(clock.instant(), actor, approval.label(), incident, step.id(), "read", requests,
                MissingNode.getInstance(), r == null ? 0 : r.status(), r == null ? "" : r.requestId(),
                r == null ? "" : r.clientRequestId(), o.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                o.detail(), o.snapshot(), MissingNode.getInstance());
    }

    /** When an earlier run verified this step of this incident, per the audit trail. */
    private Optional<String> previously(String incident, Step step) {
        return audit.entries().stream()
                .filter(e -> incident.equals(e.path("incident").asText()) && step.id().equals(e.path("step").asText())
                        && "verify".equals(e.path("event").asText()) && "verified".equals(e.path("outcome").asText()))
                .map(e -> e.path("time").asText()).reduce((a, b) -> b);
    }
}
