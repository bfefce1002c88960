package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.server.web.Principal;
import io.aitmdefense.server.web.Role;
import io.aitmdefense.server.web.WebSession;
import io.aitmdefense.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Who is signed in, and console users created by an admin, each with a token shown once. */
final class UsersApi {
    static final String CHAIN = "console-users";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private final Database db;
    private final Clock clock;

    private UsersApi(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static void register(RoutesConfig routes, ServerContext context) {
        UsersApi api = new UsersApi(context.db(), context.clock());
        routes.get("/api/v1/session", api::session);
        routes.post("/api/v1/users", api::create);
    }

    private void session(Context ctx) {
        Principal p = Principal.of(ctx);
        // the CSRF token is safe to answer here: no other site can read a same-origin response (no CORS is allowed)
        Json.ok(ctx, Json.object().put("schema", "aitm.api.session/1").put("name", p.name()).put("role", p.role().label())
                .put("csrf", WebSession.csrf(ctx)));
    }

    private void create(Context ctx) {
        Principal admin = Principal.require(ctx, Role.ADMIN);
        JsonNode body = Json.body(ctx);
        String name = Json.text(body, "name");
        if (!NAME.matcher(name).matches()) {
            throw new BadRequestResponse("name: letters, digits and . _ @ - only, at most 100 (got '" + name + "')");
        }
        Role role = role(body.path("role").asText("viewer"));
        Optional<String> token = db.users().createIfAbsent(name, role.stored(), clock.instant());
        if (token.isEmpty()) throw new ConflictResponse("user " + name + " exists");
        db.audit().append(CHAIN, Json.object().put("time", clock.instant().toString()).put("actor", admin.name())
                .put("event", "create-user").put("user", name).put("role", role.label()).put("outcome", "done")
                .toString(), clock.instant());
        Json.send(ctx, 201, Json.object().put("schema", "aitm.api.user/1").put("name", name).put("role", role.label())
                .put("token", token.get()));
    }

    private static Role role(String label) {
        try {
            return Role.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("role: viewer, responder or admin (got '" + label + "')");
        }
    }
}
