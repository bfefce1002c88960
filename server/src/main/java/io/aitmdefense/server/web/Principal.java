package io.aitmdefense.server.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;

/** Who made a request: the console user's name and role, put on the request by {@link WebSecurity} before any route. */
public record Principal(String name, Role role) {
    public static final String ATTRIBUTE = "aitm.principal";

    /** The request's principal; a route behind the security filter always has one. */
    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) throw new UnauthorizedResponse("sign in first");
        return p;
    }

    /** The principal, when its role is at least {@code role}; otherwise 403. */
    public static Principal require(Context ctx, Role role) {
        Principal p = of(ctx);
        if (!p.role().atLeast(role)) {
            throw new ForbiddenResponse(p.name() + " is a " + p.role().label() + "; this needs " + role.label());
        }
        return p;
    }
}
