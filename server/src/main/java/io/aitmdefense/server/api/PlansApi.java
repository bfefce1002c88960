package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.contain.PlanView;
import io.aitmdefense.server.web.Principal;
import io.aitmdefense.server.web.Role;
import io.aitmdefense.store.AuditLog;
import io.aitmdefense.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Containment from the console, through the service's {@link Containment}: an incident's plan (planned dry-run on the
 * first request), approving its steps, running the approved ones, and the incident's audit trail. Responders and
 * admins only: a plan names the accounts and mail rules it would change, and asking for one stores it.
 */
final class PlansApi {
    private final Database db;
    private final Optional<Containment> containment;
    private final LiveEvents events;

    private PlansApi(Database db, Optional<Containment> containment, LiveEvents events) {
        this.db = db;
        this.containment = containment;
        this.events = events;
    }

    static void register(RoutesConfig routes, ServerContext context) {
        PlansApi api = new PlansApi(context.db(), context.containment(), context.events());
        routes.get("/api/v1/incidents/{id}/plan", api::plan);
        routes.post("/api/v1/plans/{planId}/approve", api::approve);
        routes.post("/api/v1/plans/{planId}/run", api::run);
        routes.get("/api/v1/audit", api::audit);
    }

    private void plan(Context ctx) {
        Principal.require(ctx, Role.RESPONDER);
        String id = ctx.pathParam("id");
        Json.ok(ctx, view(call(() -> containment().plan(id), "no incident " + id)));
    }

    private void approve(Context ctx) {
        Principal who = Principal.require(ctx, Role.RESPONDER);
        String planId = ctx.pathParam("planId");
        JsonNode steps = Json.body(ctx).path("steps");
        if (!steps.isArray()) throw new BadRequestResponse("field 'steps' is required: the ids of the steps to approve");
        List<String> ids = new ArrayList<>();
        for (JsonNode s : steps) {
            if (!s.isTextual()) throw new BadRequestResponse("steps: step ids are strings");
            ids.add(s.asText());
        }
        PlanView v = call(() -> containment().approve(planId, ids, who.name()), "no plan " + planId);
        events.incident(v.incidentId(), List.of("PLAN_APPROVED"));
        Json.ok(ctx, view(v));
    }

    private void run(Context ctx) {
        Principal who = Principal.require(ctx, Role.RESPONDER);
        String planId = ctx.pathParam("planId");
        PlanView v = call(() -> containment().run(planId, who.name()), "no plan " + planId);
        events.incident(v.incidentId(), List.of("PLAN_RUN"));
        Json.ok(ctx, view(v));
    }

    /** {@code aitm.api.audit/1}: the incident's chain, oldest first, and whether every hash in it holds. */
    private void audit(Context ctx) {
        Principal.require(ctx, Role.RESPONDER);
        String id = ctx.queryParam("incident");
        if (id == null || id.isBlank()) throw new BadRequestResponse("incident: the id of the incident whose trail to show");
        if (db.incidents().get(id).isEmpty()) throw new NotFoundResponse("no incident " + id);
        String chain = Containment.chain(id);
        AuditLog.Verification check = db.audit().verify(chain);
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.audit/1");
        out.put("incident", id);
        out.put("chain", chain);
        out.put("intact", check.intact());
        check.firstBroken().ifPresent(e -> out.put("firstBroken", e.seq()));
        ArrayNode entries = out.putArray("entries");
        for (AuditLog.Entry e : db.audit().entries(chain)) entries.add(Json.parse(e.entry(), "audit entry " + chain + "#" + e.seq()));
        Json.ok(ctx, out);
    }

    private Containment containment() {
        return containment.orElseThrow(() -> new ServiceUnavailableResponse("containment is not running in this service"));
    }

    /** Containment's refusals as HTTP: no such thing 404, a bad request 400, not possible now 409. */
    private static PlanView call(Supplier<PlanView> action, String notFound) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw new NotFoundResponse(notFound);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    private static ObjectNode view(PlanView v) {
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.plan/1");
        out.put("id", v.id());
        out.put("incidentId", v.incidentId());
        out.put("status", v.status());
        out.set("plan", v.plan());
        return out;
    }
}
