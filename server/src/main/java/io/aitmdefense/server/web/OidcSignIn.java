package io.aitmdefense.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.store.ConsoleUsers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.aitmdefense.model.SafeText.html;

/**
 * Sign-in with Microsoft Entra ID: the authorization-code flow with PKCE (S256) of a confidential client.
 * {@code GET /login/oidc} sends the browser to the tenant's authorize endpoint; Entra sends it back to
 * {@code GET /login/oidc/callback} with a code, which this server redeems at the token endpoint for an id token,
 * checked by {@link IdTokenVerifier}. The person's role comes from the token's app roles (or groups) through the serve
 * file's mapping; then they get the same session cookie a console token gives.
 * <p>
 * A thin flow over nimbus-jose-jwt rather than msal4j: msal4j would redeem the code but does not check the id token's
 * signature, nonce or tenant (it trusts the TLS channel), keeps a token cache the console does not need, and insists on
 * https authorities; the flow itself is two requests, and nimbus does the part that must be exact, the JWS check.
 * <p>
 * The {@code state}, {@code nonce} and PKCE verifier of a sign-in in progress live here, found by a pre-login cookie
 * that is good for one callback within {@link #PENDING}: a callback without it (another browser, a forged or replayed
 * link) is refused. That cookie is SameSite=Lax, because the callback is a navigation from Microsoft's site, which
 * would not carry a Strict cookie; the session cookie stays Strict, which is why the callback answers with a page
 * that moves on to {@code next} itself (a same-site navigation) instead of a redirect that would still count as
 * coming from Microsoft.
 */
final class OidcSignIn {
    static final String START = "/login/oidc";
    static final String COOKIE = "aitm_oidc";
    static final String SCOPE = "openid profile";
    /** Long enough for a password, an MFA prompt and a consent screen; short enough that a stolen link soon expires. */
    static final Duration PENDING = Duration.ofMinutes(10);
    /** Sign-ins in progress kept at most: anyone may start one, so memory is bounded. */
    static final int MAX_PENDING = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");

    /** One sign-in in progress. */
    private record Pending(String state, String nonce, String verifier, String next, Instant started) {
    }

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final IdTokenVerifier verifier;
    private final Sessions sessions;
    private final SignInAudit audit;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    OidcSignIn(OidcSettings settings, HttpClient http, Sessions sessions, SignInAudit audit, Clock clock) {
        this.settings = settings;
        this.provider = new OidcProvider(settings, http, clock);
        this.verifier = new IdTokenVerifier(settings, provider, clock);
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Both routes are public: they are how a person without a session gets one. */
    static boolean isRoute(String path) {
        return path.equals(START) || path.equals(OidcSettings.CALLBACK);
    }

    void register(RoutesConfig routes) {
        routes.get(START, this::start);
        routes.get(OidcSettings.CALLBACK, this::callback);
    }

    private void start(Context ctx) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.started().plus(PENDING)));
        if (pending.size() >= MAX_PENDING) {
            LOG.warn("Entra sign-in: {} sign-ins in progress, refusing more until some expire", pending.size());
            refuse(ctx, OidcRefusal.UNAVAILABLE);
            return;
        }
        URI authorize;
        try {
            authorize = provider.discovery().authorizationEndpoint();
        } catch (OidcException e) {
            LOG.warn("Entra sign-in unavailable: {}", e.getMessage());
            refuse(ctx, OidcRefusal.UNAVAILABLE); // nothing has been checked yet: whatever went wrong, Entra is out of reach
            return;
        }
        String id = random();
        Pending p = new Pending(random(), random(), random(), WebSecurity.localPath(ctx.queryParam("next")).orElse("/"), now);
        pending.put(ConsoleUsers.hash(id), p);
        ctx.header("Set-Cookie", preLoginCookie(ctx, id, (int) PENDING.toSeconds()));
        String query = "client_id=" + enc(settings.clientId()) + "&response_type=code&response_mode=query"
                + "&redirect_uri=" + enc(settings.redirectUri().toString()) + "&scope=" + enc(SCOPE)
                + "&state=" + enc(p.state()) + "&nonce=" + enc(p.nonce())
                + "&code_challenge=" + enc(challenge(p.verifier())) + "&code_challenge_method=S256";
        ctx.redirect(authorize + (authorize.getRawQuery() == null ? "?" : "&") + query, HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx) {
        String id = ctx.cookie(COOKIE);
        ctx.header("Set-Cookie", preLoginCookie(ctx, "", 0)); // one callback per sign-in, whatever its outcome
        // removed on first sight: the same cookie and state never sign anyone in twice
        Pending p = id == null || id.isEmpty() ? null : pending.remove(ConsoleUsers.hash(id));
        Instant now = clock.instant();
        if (p == null || !now.isBefore(p.started().plus(PENDING)) || !equal(p.state(), ctx.queryParam("state"))) {
            LOG.warn("Entra sign-in refused: {}", p == null ? "no sign-in in progress for this browser"
                    : now.isBefore(p.started().plus(PENDING)) ? "the state does not match" : "the sign-in took longer than " + PENDING);
            refuse(ctx, OidcRefusal.EXPIRED);
            return;
        }
        if (ctx.queryParam("error") != null || ctx.queryParam("code") == null) {
            // Entra's error_description names the user; the log keeps only the error and its AADSTS code
            Matcher code = AADSTS.matcher(Optional.ofNullable(ctx.queryParam("error_description")).orElse(""));
            String error = Optional.ofNullable(ctx.queryParam("error")).filter(e -> e.matches("[a-z_]{1,64}")).orElse("no code");
            LOG.warn("Entra sign-in refused by Entra: {} {}", error, code.find() ? code.group() : "");
            refuse(ctx, OidcRefusal.DENIED);
            return;
        }
        IdTokenVerifier.Identity who;
        try {
            JsonNode tokens = provider.redeem(ctx.queryParam("code"), p.verifier());
            String idToken = tokens.path("id_token").asText("");
            if (idToken.isEmpty()) throw new OidcException("the token response has no id_token (is openid in the scope?)");
            who = verifier.verify(idToken, p.nonce());
        } catch (OidcException e) {
            LOG.warn("Entra sign-in refused: {}", e.getMessage());
            refuse(ctx, e.refusal());
            return;
        }
        Optional<Role> role = settings.roleOf(who.roles(), who.groups());
        if (role.isEmpty()) {
            String reason = who.groupsOverflow() && who.roles().isEmpty()
                    ? "no mapped role; the token has too many groups to list (use app roles)"
                    : "no mapped role (roles " + who.roles() + ", " + who.groups().size() + " groups)";
            LOG.warn("Entra sign-in refused for {}: {}", who.name(), reason);
            audit.refused(who.name(), "entra", who.objectId(), reason);
            refuse(ctx, OidcRefusal.NO_ROLE);
            return;
        }
        Principal principal = new Principal(who.name(), role.get());
        sessions.end(ctx.cookie(WebSecurity.COOKIE));
        Sessions.Started started = sessions.start(principal);
        audit.signedIn(principal, "entra", who.objectId());
        ctx.res().addHeader("Set-Cookie", WebSecurity.sessionCookie(ctx, started.id(), -1));
        String next = html(p.next());
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + next + "\"><title>Signed in</title></head>\n"
                + "<body><p>Signed in as " + html(principal.name()) + " (" + principal.role().label() + "). "
                + "<a href=\"" + next + "\">Continue</a></p></body></html>\n");
    }

    private static void refuse(Context ctx, OidcRefusal why) {
        ctx.redirect("/login?refused=" + why.code(), HttpStatus.SEE_OTHER);
    }

    /** Sent only to the two sign-in routes, and (Lax) on Microsoft's redirect back to the callback. */
    private static String preLoginCookie(Context ctx, String value, int maxAge) {
        return COOKIE + "=" + value + "; Path=" + START + "; HttpOnly; SameSite=Lax; Max-Age=" + maxAge
                + (WebSecurity.https(ctx) ? "; Secure" : "");
    }

    /** RFC 7636: BASE64URL(SHA-256(ASCII(code_verifier))). */
    static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String expected, String sent) {
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** 32 random bytes, base64url: 43 characters, as RFC 7636 asks of a verifier (43 to 128). */
    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return OidcProvider.enc(s);
    }
}
