package io.aitmdefense.server.web;

import io.javalin.http.Context;

/** What templates need from the request's session. */
public final class WebSession {
    static final String ATTRIBUTE = "aitm.session";

    private WebSession() {
    }

    /**
     * The session's CSRF token, for {@code <meta name="csrf-token">} and form field {@code _csrf}; empty for a request
     * authenticated by a Bearer token (it needs none: no browser sends that header on its own).
     */
    public static String csrf(Context ctx) {
        Sessions.Session s = ctx.attribute(ATTRIBUTE);
        return s == null ? "" : s.csrf();
    }
}
