package io.aitmdefense.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.server.api.PostureReports;
import io.aitmdefense.server.api.ServerContext;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.contain.PlanView;
import io.aitmdefense.server.web.OidcRefusal;
import io.aitmdefense.server.web.Principal;
import io.aitmdefense.server.web.Role;
import io.aitmdefense.server.web.WebSession;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's pages on the service's one Javalin app: {@code /login}, the queue ({@code /}), an incident
 * ({@code /incidents/{id}}), the posture and harden views, the sources, and the console's own stylesheet and script under {@code /static}. The
 * pages read the store directly (they are the same process as the API); what they change goes through the REST API,
 * from the page's script, so every change is checked and audited in one place.
 */
public final class ConsoleRoutes {
    /** The files under {@code /static}, with their types: nothing else on the class path is served. */
    private static final Map<String, String> STATIC = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    private final ServerContext context;
    private final PostureReports reports;

    private ConsoleRoutes(ServerContext context, PostureReports reports) {
        this.context = context;
        this.reports = reports;
    }

    /** @param reports the posture and harden views, shared with {@code /api/v1/posture} and {@code /api/v1/harden} */
    public static void register(RoutesConfig routes, ServerContext context, PostureReports reports) {
        ConsoleRoutes c = new ConsoleRoutes(context, reports);
        routes.get("/login", c::login);
        routes.get("/", c::queue);
        routes.get("/incidents/{id}", c::incident);
        routes.get("/sources", c::sources);
        routes.get("/posture", c::posture);
        routes.get("/harden", c::harden);
        routes.get("/static/{file}", ConsoleRoutes::staticFile);
    }

    private void login(Context ctx) {
        html(ctx, LoginPage.render(ctx.queryParam("next"), ctx.queryParam("failed") != null,
                OidcRefusal.of(ctx.queryParam("refused")), context.oidc().isPresent()));
    }

    private void queue(Context ctx) {
        List<QueueEntry> all = context.db().incidents().list(IncidentQuery.all()).stream().map(QueueEntry::of).toList();
        html(ctx, QueuePage.render(viewer(ctx), QueueQuery.of(ctx::queryParam), all, context.db().triage().assignees(), tenants(all)));
    }

    private void incident(Context ctx) {
        String id = ctx.pathParam("id");
        IncidentRow row = context.db().incidents().get(id).orElseThrow(() -> new NotFoundResponse("no incident " + id));
        QueueEntry e = QueueEntry.of(row);
        List<QueueEntry> all = context.db().incidents().list(IncidentQuery.all()).stream().map(QueueEntry::of).toList();
        Map<String, String> campaign = new HashMap<>();
        for (QueueEntry other : all) {
            if (e.incident().blastRadius().otherUsers().contains(other.incident().user())
                    && other.row().tenant().equals(row.tenant())) {
                campaign.putIfAbsent(other.incident().user(), other.row().id());
            }
        }
        Optional<IncidentDetail.Plan> plan = Optional.empty();
        String unavailable = "This service has no containment.";
        Optional<Containment> containment = context.containment();
        if (containment.isPresent()) {
            try {
                // the stored plan, or a dry run planned now and stored (as GET /api/v1/incidents/{id}/plan does)
                PlanView v = containment.get().plan(id);
                plan = Optional.of(new IncidentDetail.Plan(v.id(), v.status(), v.plan()));
            } catch (RuntimeException ex) {
                unavailable = "No plan could be made: " + ex.getMessage();
            }
        }
        List<JsonNode> audit = containment.map(c -> c.audit(id)).orElse(List.of());
        IncidentDetail d = new IncidentDetail(row, e.incident(), state(row), context.db().incidents().history(id), campaign,
                plan, unavailable, audit);
        html(ctx, IncidentPage.render(viewer(ctx), d, tenants(all)));
    }

    private void sources(Context ctx) {
        List<QueueEntry> all = context.db().incidents().list(IncidentQuery.all()).stream().map(QueueEntry::of).toList();
        html(ctx, SourcesPage.render(viewer(ctx), context.sources().get(), context.clock().instant(), tenants(all)));
    }

    private void posture(Context ctx) {
        html(ctx, PosturePage.render(viewer(ctx), reports.posture(), tenants()));
    }

    private void harden(Context ctx) {
        html(ctx, HardenPage.render(viewer(ctx), reports.source().isPresent(), reports.harden(), tenants()));
    }

    private List<String> tenants() {
        return tenants(context.db().incidents().list(IncidentQuery.all()).stream().map(QueueEntry::of).toList());
    }

    private IncidentDetail.State state(IncidentRow row) {
        return context.db().triage().state(row.id())
                .map(t -> new IncidentDetail.State(t.status(), t.assignee(), t.reason()))
                .orElse(new IncidentDetail.State(row.status(), "", ""));
    }

    private static Viewer viewer(Context ctx) {
        Principal p = Principal.of(ctx);
        return new Viewer(p.name(), p.role().label(), p.role().atLeast(Role.RESPONDER), WebSession.csrf(ctx));
    }

    private static List<String> tenants(List<QueueEntry> all) {
        return all.stream().map(e -> e.row().tenant()).distinct().sorted().toList();
    }

    private static void staticFile(Context ctx) {
        String file = ctx.pathParam("file");
        String type = STATIC.get(file);
        if (type == null) throw new NotFoundResponse("no such file");
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/static/" + file)) {
            if (in == null) throw new NotFoundResponse("no such file");
            ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
