package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.posture.assess.PostureJsonReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * {@code GET /api/v1/posture}: the tenant's Conditional Access posture, assessed by the posture module from the export
 * the serve file names ({@code posture: {exports: [ca-export/], breakGlass: [object ids]}}): the same assessment as
 * {@code aitm posture --json}, read again when a file of the export changed ({@link PostureReports}).
 */
final class PostureApi {
    private PostureApi() {
    }

    static void register(RoutesConfig routes, PostureReports reports) {
        routes.get("/api/v1/posture", ctx -> posture(ctx, reports));
    }

    private static void posture(Context ctx, PostureReports reports) {
        PostureReports.PostureReading r = reports.posture().orElseThrow(() -> new NotFoundResponse(PostureReports.NO_POSTURE));
        Json.ok(ctx, json(r));
    }

    /** {@code aitm.api.posture/1}. */
    static ObjectNode json(PostureReports.PostureReading r) {
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.posture/1");
        ArrayNode inputs = out.putArray("inputs");
        r.inputs().forEach(p -> inputs.add(p.toString()));
        r.errors().forEach(out.putArray("errors")::add);
        r.warnings().forEach(out.putArray("warnings")::add);
        out.put("policies", r.policies());
        r.assessment().ifPresent(a -> out.set("assessment", PostureJsonReport.toJson(a)));
        return out;
    }
}
