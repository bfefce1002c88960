package io.aitmdefense.server.web;

import io.aitmdefense.model.SafeText;
import io.javalin.http.Context;

/** A bare sign-in form, until the console's own page replaces it: no script, no style, nothing but the form. */
public final class FallbackLoginPage {
    private FallbackLoginPage() {
    }

    public static void render(Context ctx) {
        String next = WebSecurity.localPath(ctx.queryParam("next")).orElse("/");
        String failed = ctx.queryParam("failed") == null ? "" : "<p role=\"alert\">That token is not a console user's.</p>\n";
        ctx.contentType("text/html; charset=utf-8").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign in · AiTM Defense</title></head>
                <body><main><h1>Sign in</h1>
                %s<form method="post" action="/login">
                <label>Console token <input type="password" name="token" autocomplete="current-password" required></label>
                <input type="hidden" name="next" value="%s">
                <button type="submit">Sign in</button>
                </form><p>The first admin token is in <code>DATA/admin-token</code>.</p></main></body></html>
                """.formatted(failed, SafeText.html(next)));
    }
}
