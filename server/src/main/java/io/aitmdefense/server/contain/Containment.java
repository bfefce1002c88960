package io.aitmdefense.server.contain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.respond.api.GraphTenantApi;
import io.aitmdefense.respond.audit.AuditEntry;
import io.aitmdefense.respond.config.AutoPolicy;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.ProxiedDomain;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.render.PlanJson;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.Runner;
import io.aitmdefense.store.AuditLog;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;
import io.aitmdefense.store.ResponsePlans.PlanRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Containment inside {@code aitm serve}: respond's planner and runner over the store. An incident's plan is made from
 * the stored incident (a dry run: nothing is read from or written to the tenant) and kept in the store's response
 * plans; steps are approved by name; a run reads the user's facts, plans again with them, and runs the approved steps
 * through the tenant's Graph with respond's step contract (read → diff → one write → read-back). Every line of a run
 * and every approval is sealed onto the incident's chain ({@code incident:<id>}) of the store's hash-chained audit log.
 * <p>
 * An incident about a page proxying the sign-in page (the canary's domain incident) has no account: its plan is the
 * one step that blocks the domain in the Tenant Allow/Block List, run on approval like any other.
 * <p>
 * Automatic containment: when the tenant's {@code respond.auto} policy covers an incident the pipeline announces, its
 * reversible, user-scoped steps run on a thread of their own (the pipeline never waits for Graph), again whenever the
 * incident's evidence names new targets. Privileged and break-glass accounts are refused by the preflight either way.
 */
public final class Containment implements AutoCloseable {
    public static final String SCHEMA = "aitm.service-plan/1";
    static final String AUTO_ACTOR = "policy:respond.auto";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Database db;
    private final ResponseTenants tenants;
    private final Path evidence;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** The latest update of each incident waiting for the automatic thread: a burst of updates makes one run. */
    private final Map<String, Incident> waiting = new ConcurrentHashMap<>();
    private final ExecutorService automatic = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aitm-auto-containment");
        t.setDaemon(true);
        return t;
    });

    /** @param evidence where evidence bundles go: {@code <evidence>/<incident>/<UTC time>} */
    public Containment(Database db, ResponseTenants tenants, Path evidence, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The id of an incident's plan: one plan per incident. */
    public static String planId(String incidentId) {
        return "plan-" + incidentId;
    }

    /** The audit chain of an incident in the store. */
    public static String chain(String incidentId) {
        return "incident:" + incidentId;
    }

    /**
     * The incident's plan: the stored one, or planned now (dry-run, nothing written to the tenant) and stored.
     *
     * @throws NoSuchElementException when the store holds no such incident
     */
    public PlanView plan(String incidentId) {
        synchronized (lock(incidentId)) {
            Optional<PlanRow> stored = db.plans().get(planId(incidentId));
            if (stored.isPresent()) return view(stored.get());
            Incident i = incident(incidentId);
            ObjectNode body = JSON.createObjectNode();
            body.put("schema", SCHEMA);
            body.set("plan", PlanJson.plan(dryPlan(i, tenants.of(i.tenant()))));
            body.putArray("approved");
            body.putArray("approvals");
            return view(save(incidentId, "planned", body));
        }
    }

    /**
     * Marks steps approved by an actor (audited); approvals add up.
     *
     * @throws NoSuchElementException when there is no such plan
     * @throws IllegalArgumentException naming a step the plan does not have, and the steps it has
     */
    public PlanView approve(String planId, List<String> stepIds, String actor) {
        String incidentId = row(planId).incidentId();
        synchronized (lock(incidentId)) {
            PlanRow row = row(planId);
            ObjectNode body = body(row);
            List<String> known = new ArrayList<>();
            body.path("plan").path("steps").forEach(s -> known.add(s.path("id").asText()));
            for (String s : stepIds) {
                if (!known.contains(s)) {
                    throw new IllegalArgumentException("no step '" + s + "' in " + planId + "; its steps are " + String.join(", ", known));
                }
            }
            if (stepIds.isEmpty()) throw new IllegalArgumentException("name at least one step to approve; the steps are " + String.join(", ", known));
            Set<String> approved = new LinkedHashSet<>();
            body.path("approved").forEach(s -> approved.add(s.asText()));
            approved.addAll(stepIds);
            ArrayNode a = body.putArray("approved");
            approved.forEach(a::add);
            ObjectNode approval = ((ArrayNode) body.withArray("approvals")).addObject();
            approval.put("actor", actor).put("at", clock.instant().toString());
            stepIds.forEach(approval.putArray("steps")::add);
            new StoreAuditSink(db.audit(), chain(incidentId)).append(AuditEntry.decision(clock.instant(), actor,
                    Approval.named(Set.copyOf(stepIds)).label(), incidentId, "", "approved",
                    "approved " + String.join(", ", stepIds) + " of " + planId));
            return view(save(incidentId, "approved", body));
        }
    }

    /**
     * Runs the approved steps against the tenant through Graph, audited and verified (a plan with nothing approved is a
     * dry run: reads and the evidence bundle only); returns the plan with the outcomes.
     *
     * @throws IllegalStateException when the incident's tenant has no Microsoft credentials
     */
    public PlanView run(String planId, String actor) {
        String incidentId = row(planId).incidentId();
        synchronized (lock(incidentId)) {
            PlanRow row = row(planId);
            Incident i = incident(incidentId);
            RespondSettings s = tenants.of(i.tenant());
            MicrosoftSettings ms = s.microsoft().orElseThrow(() -> new IllegalStateException("no Microsoft credentials for tenant "
                    + (i.tenant().isEmpty() ? "(unnamed)" : i.tenant()) + ": its tenant file needs a microsoft: section (docs/microsoft.md)"));
            ObjectNode body = body(row);
            Set<String> approved = new LinkedHashSet<>();
            body.path("approved").forEach(x -> approved.add(x.asText()));
            Approval approval = approved.isEmpty() ? Approval.none() : Approval.named(approved);
            return execute(i, s, ms, approval, actor, body);
        }
    }

    /** The audit trail entries of an incident, oldest first. */
    public List<JsonNode> audit(String incidentId) {
        return new StoreAuditSink(db.audit(), chain(incidentId)).entries();
    }

    /**
     * Hands an incident update to automatic containment; returns at once. Nothing happens unless the tenant's
     * {@code respond.auto} policy lists detections.
     */
    public void consider(Incident incident) {
        // a page's incident has only its tenant-wide block, which always waits for a person
        if (ProxiedDomain.of(incident).isPresent() || !tenants.of(incident.tenant()).auto().enabled()) return;
        waiting.put(incident.id(), incident);
        automatic.execute(() -> {
            Incident latest = waiting.remove(incident.id());
            if (latest == null) return;
            try {
                automatically(latest);
            } catch (RuntimeException e) {
                // the plan's status and the audit chain hold the failure; the next update tries again
            }
        });
    }

    /**
     * Automatic containment of one incident, now: when the policy covers it and its evidence names targets no automatic
     * run covered yet, runs the automatic steps; when the policy does not, stores the dry plan and audits why, once.
     *
     * @return the plan after the run, or empty when nothing ran
     */
    Optional<PlanView> automatically(Incident i) {
        synchronized (lock(i.id())) {
            RespondSettings s = tenants.of(i.tenant());
            AutoPolicy.Decision decision = s.auto().decide(IncidentFindings.from(i));
            Plan dry = dryPlan(i, s);
            // what this decision may run: the plan's steps, or the only steps a narrower policy allows (revoke)
            List<String> targets = dry.steps().stream().map(Step::id)
                    .filter(id -> decision.approval().steps().isEmpty() || decision.approval().steps().contains(id)).toList();
            Optional<PlanRow> stored = db.plans().get(planId(i.id()));
            ObjectNode body = stored.map(Containment::body).orElseGet(() -> {
                ObjectNode b = JSON.createObjectNode();
                b.put("schema", SCHEMA);
                b.putArray("approved");
                b.putArray("approvals");
                return b;
            });
            if (stored.isEmpty() || stored.get().status().equals("planned")) body.set("plan", PlanJson.plan(dry));
            StoreAuditSink audit = new StoreAuditSink(db.audit(), chain(i.id()));
            String label = decision.automatic() ? decision.approval().label() : "auto:" + String.join("+", s.auto().detections());
            if (!decision.automatic() || s.microsoft().isEmpty()) {
                if (stored.isEmpty()) {
                    audit.append(AuditEntry.decision(clock.instant(), AUTO_ACTOR, label, i.id(), "", "auto-declined",
                            decision.automatic() ? "no Microsoft credentials for this tenant" : decision.reason()));
                    save(i.id(), "planned", body);
                }
                return Optional.empty();
            }
            List<String> covered = new ArrayList<>();
            body.path("automaticRunFor").forEach(x -> covered.add(x.asText()));
            if (covered.equals(targets) || (!decision.approval().steps().isEmpty() && covered.containsAll(targets))) return Optional.empty();
            audit.append(AuditEntry.decision(clock.instant(), AUTO_ACTOR, label, i.id(), "", "auto-approved", decision.reason()));
            ArrayNode runFor = body.putArray("automaticRunFor");
            targets.forEach(runFor::add);
            return Optional.of(execute(i, s, s.microsoft().get(), decision.approval(), AUTO_ACTOR, body));
        }
    }

    private PlanView execute(Incident i, RespondSettings s, MicrosoftSettings ms, Approval approval, String actor, ObjectNode body) {
        save(i.id(), "running", body);
        StoreAuditSink audit = new StoreAuditSink(db.audit(), chain(i.id()));
        try {
            GraphTenantApi api = new GraphTenantApi(MicrosoftClients.connect(ms), s.exchange());
            Findings f = IncidentFindings.from(i);
            UserFacts facts = UserFactsReader.read(api, f);
            Plan plan = new Planner().plan(f, Optional.of(facts), options(s), clock.instant());
            Path folder = evidence.resolve(i.id()).resolve(STAMP.format(clock.instant()));
            RunReport report = new Runner(api, audit, clock, actor).run(plan, facts, approval, Optional.of(folder));
            body.set("plan", PlanJson.plan(plan));
            body.set("run", PlanJson.run(report));
            body.remove("error");
            return view(save(i.id(), report.failed() || plan.refused() ? "failed" : "done", body));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            audit.append(AuditEntry.decision(clock.instant(), actor, approval.label(), i.id(), "", "failed", message));
            body.put("error", message);
            return view(save(i.id(), "failed", body));
        }
    }

    private Plan dryPlan(Incident i, RespondSettings s) {
        return new Planner().plan(IncidentFindings.from(i), Optional.empty(), options(s), clock.instant());
    }

    private static PlanOptions options(RespondSettings s) {
        return new PlanOptions(false, s.breakGlass(), s.exchange());
    }

    private Incident incident(String incidentId) {
        IncidentRow row = db.incidents().get(incidentId).orElseThrow(() -> new NoSuchElementException("no incident " + incidentId));
        try {
            return IncidentsJson.readIncident(row.body(), "incident " + incidentId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlanRow row(String planId) {
        return db.plans().get(planId).orElseThrow(() -> new NoSuchElementException("no plan " + planId));
    }

    private PlanRow save(String incidentId, String status, ObjectNode body) {
        PlanRow row = new PlanRow(planId(incidentId), incidentId, status, clock.instant(), body.toString());
        db.plans().save(row);
        return row;
    }

    private PlanView view(PlanRow row) {
        ObjectNode body = body(row);
        AuditLog.Verification v = db.audit().verify(chain(row.incidentId()));
        body.putObject("audit").put("chain", chain(row.incidentId())).put("entries", v.entries()).put("intact", v.intact());
        return new PlanView(row.id(), row.incidentId(), row.status(), body);
    }

    private static ObjectNode body(PlanRow row) {
        return (ObjectNode) StoreAuditSink.parse(row.body());
    }

    private Object lock(String incidentId) {
        return locks.computeIfAbsent(incidentId, k -> new Object());
    }

    /** Lets a run in progress finish (up to a minute), then stops the automatic thread. */
    @Override
    public void close() {
        automatic.shutdown();
        try {
            automatic.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
