package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Set;

/** Incidents: the queue with its filters and counts, one incident in detail, and a responder's actions on it. */
final class IncidentsApi {
    private final Database db;

    private IncidentsApi(Database db) {
        this.db = db;
    }

    static void register(RoutesConfig routes, ServerContext context) {
        IncidentsApi api = new IncidentsApi(context.db());
        routes.get("/api/v1/incidents", api::list);
    }

    private void list(Context ctx) {
        IncidentQuery q = IncidentQuery.all();
        String tenant = ctx.queryParam("tenant");
        if (tenant != null) q = q.tenant(tenant);
        String severity = ctx.queryParam("severity");
        if (severity != null) q = q.severities(Set.of(severity.toLowerCase(Locale.ROOT).split(",")));
        String status = ctx.queryParam("status");
        if (status != null) q = q.statuses(Set.of(status.toLowerCase(Locale.ROOT).split(",")));
        String user = ctx.queryParam("user");
        if (user != null) q = q.user(user);
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.incidents/1");
        ArrayNode list = out.putArray("incidents");
        for (IncidentRow r : db.incidents().list(q)) list.add(Json.parse(r.body(), "incident " + r.id()));
        Json.ok(ctx, out);
    }
}
