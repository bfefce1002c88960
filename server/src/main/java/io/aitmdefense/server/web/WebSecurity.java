package io.aitmdefense.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.store.ConsoleUsers;
import io.aitmdefense.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see what, decided once for every request before any route runs. A request is authenticated by
 * {@code Authorization: Bearer <token>} (scripts) or by the {@code aitm_session} cookie a sign-in gave (browsers);
 * anything else is refused, pages with {@code 303 /login?next=…} and {@code /api} with {@code 401}, unknown paths
 * included, so the refusal says nothing about which routes exist. A state-changing request that relies on the cookie
 * must also carry the session's CSRF token, since a browser attaches the cookie on its own; a Bearer request carries
 * no ambient credential and needs none. Every response, refusals and errors too, gets the security headers.
 */
public final class WebSecurity {
    public static final String COOKIE = "aitm_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";

    /** No inline script or style anywhere; the console is never framed; nothing leaks in the Referer. */
    public static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final ConsoleUsers users;
    private final Sessions sessions;
    private final SignInAudit audit;

    private WebSecurity(ConsoleUsers users, Sessions sessions, SignInAudit audit) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * Installs the filter, {@code POST /login}, {@code POST /logout}, the JSON error answers of {@code /api}, and with
     * {@code oidc} the Entra sign-in ({@code GET /login/oidc} and its callback). Every sign-in is audited on the chain
     * {@code console-sign-ins}.
     */
    public static void install(RoutesConfig routes, Database db, Sessions sessions, Clock clock, Optional<OidcSettings> oidc) {
        SignInAudit audit = new SignInAudit(db.audit(), clock);
        WebSecurity s = new WebSecurity(db.users(), sessions, audit);
        routes.before(s::filter);
        routes.post("/login", s::login);
        routes.post("/logout", s::logout);
        oidc.ifPresent(o -> new OidcSignIn(o, HttpClient.newBuilder().connectTimeout(OidcProvider.TIMEOUT).build(), sessions,
                audit, clock).register(routes));
        routes.exception(HttpResponseException.class, WebSecurity::refusal);
    }

    /** Routes anyone may call: monitoring, the sign-ins, static files, and the reserved canary beacons. */
    public static boolean isPublic(HandlerType method, String path) {
        return path.equals("/api/v1/health") || path.equals("/login") && (method == HandlerType.GET || method == HandlerType.POST)
                || OidcSignIn.isRoute(path) && method == HandlerType.GET
                || path.startsWith("/static/") || path.startsWith("/canary/");
    }

    private void filter(Context ctx) {
        HEADERS.forEach(ctx::header);
        if (!ctx.path().startsWith("/static/")) ctx.header("Cache-Control", "no-store");
        if (isPublic(ctx.method(), ctx.path())) return;
        Optional<String> bearer = bearer(ctx);
        if (bearer.isPresent()) {
            ConsoleUsers.ConsoleUser u = users.authenticate(bearer.get()).orElseThrow(() -> unauthenticated(ctx));
            ctx.attribute(Principal.ATTRIBUTE, new Principal(u.name(), Role.of(u.role())));
            return;
        }
        Sessions.Session session = sessions.touch(ctx.cookie(COOKIE)).orElseThrow(() -> unauthenticated(ctx));
        if (!SAFE.contains(ctx.method()) && !csrfMatches(ctx, session.csrf())) {
            throw new HttpResponseException(HttpStatus.FORBIDDEN.getCode(),
                    "missing or wrong CSRF token: send the session's token in " + CSRF_HEADER);
        }
        ctx.attribute(WebSession.ATTRIBUTE, session);
        ctx.attribute(Principal.ATTRIBUTE, session.principal());
    }

    private void login(Context ctx) {
        if (!sameOrigin(ctx)) throw new HttpResponseException(HttpStatus.FORBIDDEN.getCode(), "sign-in from another site");
        String next = localPath(ctx.formParam("next")).orElse("/");
        Optional<ConsoleUsers.ConsoleUser> user = users.authenticate(ctx.formParam("token"));
        if (user.isEmpty()) {
            ctx.redirect("/login?failed=1", HttpStatus.SEE_OTHER);
            return;
        }
        sessions.end(ctx.cookie(COOKIE));
        Principal who = new Principal(user.get().name(), Role.of(user.get().role()));
        Sessions.Started started = sessions.start(who);
        audit.signedIn(who, "token", "");
        ctx.header("Set-Cookie", sessionCookie(ctx, started.id(), -1));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", sessionCookie(ctx, "", 0));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure whenever the console is on https. */
    static String sessionCookie(Context ctx, String value, int maxAge) {
        StringBuilder c = new StringBuilder(COOKIE).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) c.append("; Max-Age=").append(maxAge);
        if (https(ctx)) c.append("; Secure");
        return c.toString();
    }

    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    /** A browser names the page a form was sent from; a sign-in posted from another site is refused (login CSRF). */
    private static boolean sameOrigin(Context ctx) {
        // a browser says where the request comes from: with Referrer-Policy no-referrer its Origin is "null"
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) return site.equals("same-origin");
        String origin = ctx.header("Origin");
        if (origin == null || origin.isEmpty()) return true; // not a browser, or a browser that sends none: nothing to compare
        try {
            URI o = URI.create(origin);
            String host = ctx.header("Host");
            return host != null && host.equalsIgnoreCase(o.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && isForm(ctx)) sent = ctx.formParam(CSRF_FIELD);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private static HttpResponseException unauthenticated(Context ctx) {
        if (isApi(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            return new HttpResponseException(HttpStatus.UNAUTHORIZED.getCode(),
                    "sign in, or send Authorization: Bearer <console token>");
        }
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.header("Location", "/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        return new HttpResponseException(HttpStatus.SEE_OTHER.getCode(), "sign in first");
    }

    /** Refusals and errors: JSON {@code {"error":…}} under {@code /api}, plain text elsewhere. */
    private static void refusal(HttpResponseException e, Context ctx) {
        ctx.status(e.getStatus());
        if (isApi(ctx)) {
            ctx.contentType("application/json").result(JSON.createObjectNode().put("error", e.getMessage()).toString());
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(e.getMessage());
        }
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static Optional<String> bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return Optional.of(h.substring(7).trim());
    }

    /** {@code path} when it is a path on this server ({@code /…}, not {@code //host} or {@code /\host}): no open redirect. */
    public static Optional<String> localPath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return Optional.empty();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') return Optional.empty();
        }
        return Optional.of(path);
    }
}
