package io.aitmdefense.server.api;

import io.aitmdefense.server.canary.CanaryEndpoint;
import io.aitmdefense.server.console.ConsoleRoutes;
import io.aitmdefense.server.web.Sessions;
import io.aitmdefense.server.web.WebSecurity;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Set;

/**
 * The service's one HTTP app: the console's pages and the JSON API under {@code /api/v1}, all behind
 * {@link WebSecurity}. {@code /api/v1/health} is open (monitoring needs no token: it shows per source its position,
 * lag and last error, nothing about incidents).
 */
public final class ApiServer implements AutoCloseable {
    private static final Set<HandlerType> METHODS =
            Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    /** One registered route. */
    public record Route(HandlerType method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Javalin app;
    private final SourcesApi sources;

    private ApiServer(Javalin app, SourcesApi sources) {
        this.app = app;
        this.sources = sources;
    }

    /** Starts on the context's host and port (port 0 picks a free one). */
    public static ApiServer start(ServerContext context) {
        Sessions sessions = new Sessions(context.clock());
        SourcesApi sources = new SourcesApi(context);
        PostureReports reports = new PostureReports(context.posture(), context.clock());
        Javalin app = Javalin.create(config -> {
            config.jetty.host = context.host();
            config.jetty.port = context.port();
            config.startup.showJavalinBanner = false;
            WebSecurity.install(config.routes, context.db(), sessions, context.clock(), context.oidc());
            ConsoleRoutes.register(config.routes, context, reports);
            sources.register(config.routes);
            IncidentsApi.register(config.routes, context);
            UsersApi.register(config.routes, context);
            PostureApi.register(config.routes, reports);
            HardenApi.register(config.routes, reports);
            PlansApi.register(config.routes, context);
            context.canary().ifPresent(c -> config.routes.get(CanaryEndpoint.PATH, c::handle)); // public: an image only
            config.routes.sse("/api/v1/events", context.events()::attach);
            OpenApi.register(config.routes);
        });
        app.start();
        reports.warm();
        return new ApiServer(app, sources);
    }

    public int port() {
        return app.port();
    }

    /** Every route the app answers (methods GET to DELETE; filters not included), for the OpenAPI check and tests. */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint)
                .filter(e -> METHODS.contains(e.method)).map(e -> new Route(e.method, e.path)).distinct().toList();
    }

    @Override
    public void close() {
        sources.close();
        app.stop();
    }
}
