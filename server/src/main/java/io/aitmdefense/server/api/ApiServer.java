package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.server.canary.CanaryEndpoint;
import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.store.ConsoleUsers;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The service's HTTP API, versioned under {@code /api/v1}. {@code /health} is open (monitoring needs no token: it
 * shows per source its position, lag and last error, nothing about incidents); every other route needs
 * {@code Authorization: Bearer <token>} of a console user.
 */
public final class ApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "aitm.user";

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** Starts on {@code host:port} (port 0 picks a free one). */
    public static ApiServer start(String host, int port, Database db, Supplier<List<SourceStatus>> sources, Clock clock,
                                  Optional<CanaryEndpoint> canary) {
        ConsoleUsers users = db.users();
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.before("/api/v1/*", ctx -> {
                if (ctx.path().equals("/api/v1/health")) return;
                Optional<ConsoleUsers.ConsoleUser> user = bearer(ctx).flatMap(users::authenticate);
                if (user.isEmpty()) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    throw new io.javalin.http.UnauthorizedResponse("a console token is required: Authorization: Bearer <token>");
                }
                ctx.attribute(USER, user.get());
            });
            canary.ifPresent(c -> config.routes.get(CanaryEndpoint.PATH, c::handle)); // public by design: an image only
            config.routes.get("/api/v1/health", ctx -> json(ctx, health(sources.get(), clock.instant())));
            config.routes.get("/api/v1/incidents", ctx -> json(ctx, incidents(db, ctx)));
        });
        app.start();
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static Optional<String> bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return Optional.of(h.substring(7).trim());
    }

    private static ObjectNode health(List<SourceStatus> sources, Instant now) {
        ObjectNode out = JSON.createObjectNode();
        out.put("schema", "aitm.health/1");
        out.put("status", sources.stream().anyMatch(s -> s.lastError().isPresent()) ? "degraded" : "ok");
        out.put("time", now.toString());
        ArrayNode list = out.putArray("sources");
        for (SourceStatus s : sources) {
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            n.put("kind", s.kind());
            n.put("delivered", s.delivered());
            n.put("rejected", s.rejected());
            s.lastPoll().ifPresent(t -> n.put("lastPoll", t.toString()));
            s.newestEvent().ifPresent(t -> {
                n.put("newestEvent", t.toString());
                n.put("lagSeconds", Math.max(0, Duration.between(t, now).toSeconds()));
            });
            s.lastError().ifPresent(e -> n.put("lastError", e));
        }
        return out;
    }

    private static ObjectNode incidents(Database db, Context ctx) {
        IncidentQuery q = IncidentQuery.all();
        String tenant = ctx.queryParam("tenant");
        if (tenant != null) q = q.tenant(tenant);
        String severity = ctx.queryParam("severity");
        if (severity != null) q = q.severities(Set.of(severity.toLowerCase(Locale.ROOT).split(",")));
        String status = ctx.queryParam("status");
        if (status != null) q = q.statuses(Set.of(status.toLowerCase(Locale.ROOT).split(",")));
        String user = ctx.queryParam("user");
        if (user != null) q = q.user(user);
        ObjectNode out = JSON.createObjectNode();
        out.put("schema", "aitm.api.incidents/1");
        ArrayNode list = out.putArray("incidents");
        for (IncidentRow r : db.incidents().list(q)) {
            try {
                list.add(JSON.readTree(r.body()));
            } catch (IOException e) {
                throw new UncheckedIOException("stored incident " + r.id() + " is not JSON", e);
            }
        }
        return out;
    }

    private static void json(Context ctx, Object body) throws IOException {
        ctx.status(HttpStatus.OK).contentType("application/json").result(JSON.writeValueAsString(body));
    }
}
