package io.aitmdefense.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A local stand-in for Entra ID's sign-in endpoints of one tenant, on {@code http://127.0.0.1:<free port>}, on the
 * real paths and in the real shapes:
 * <ul>
 *   <li>{@code GET /{tenant}/v2.0/.well-known/openid-configuration}: the v2.0 discovery document (for the tenant id
 *       and for its domain {@link #DOMAIN}); an unknown tenant gets Entra's 400 {@code AADSTS90002}.</li>
 *   <li>{@code GET /{tenant}/discovery/v2.0/keys}: the signing keys (RSA keys generated here) as a JWK set.</li>
 *   <li>{@code GET /{tenant}/oauth2/v2.0/authorize}: the person's sign-in, done at once as the user the test chose
 *       with {@link #signInAs}: 302 back to the registered redirect URI with {@code code} and {@code state}; a
 *       redirect URI that is not registered, or a request without S256 PKCE, gets Entra's error page (400).</li>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}: the authorization-code grant of a confidential client: checks the
 *       client secret or the client assertion (signed by the {@link #registerCertificate registered certificate}), the code (single use, for that redirect URI) and the PKCE verifier, and answers in the shape of
 *       the token response of Microsoft's docs ({@code token-response.json}) with an {@code id_token} signed by the
 *       current key; errors in the shape of {@code token-error-*.json}.</li>
 * </ul>
 * {@link #nextIdToken} tampers with the next id token's claims; {@link #signNextWith} signs it with another key.
 */
public final class LocalEntra implements AutoCloseable {
    static final String TENANT = "f28ab78a-d401-4060-8012-736e373933eb";
    static final String DOMAIN = "contoso.onmicrosoft.com";
    static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
    static final String SECRET = "local-entra-client-secret";
    static final String REDIRECT = "https://aitm.contoso.example/login/oidc/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who signs in at the authorize endpoint: the claims Entra puts in their id token. */
    public record User(String name, String oid, List<String> roles, List<String> groups) {
        public static User withRoles(String name, String... roles) {
            return new User(name, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), List.of(roles), List.of());
        }
    }

    private record Grant(User user, String nonce, String challenge, String redirectUri) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final String host;
    private final String redirect;
    private final boolean page;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private volatile RSAKey signing;
    private volatile User user = User.withRoles("megan.bowen@contoso.example", "Aitm.Viewer");
    private volatile UnaryOperator<JWTClaimsSet.Builder> tamper = b -> b;
    private volatile Optional<RSAKey> nextKey = Optional.empty();
    private volatile java.security.cert.X509Certificate certificate;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private boolean closed;

    private LocalEntra(HttpServer server, Clock clock, String host, String redirect, boolean page) {
        this.server = server;
        this.clock = clock;
        this.host = host;
        this.redirect = redirect;
        this.page = page;
    }

    /** For a test that plays the browser: the authorize endpoint redirects back at once. */
    static LocalEntra start(Clock clock) throws IOException {
        return start(clock, "127.0.0.1", REDIRECT, false);
    }

    /**
     * For a browser: the authorize endpoint shows a page whose "Continue" link goes back to the console, as Entra's
     * account picker does, so the way back is a navigation begun on Entra's site.
     *
     * @param host how the stand-in names itself in its endpoints: {@code localhost} makes it another site than a console
     *             on {@code 127.0.0.1}, as Microsoft's is
     * @param redirect the app registration's one redirect URI
     */
    public static LocalEntra startForBrowser(Clock clock, String host, String redirect) throws IOException {
        return start(clock, host, redirect, true);
    }

    private static LocalEntra start(Clock clock, String host, String redirect, boolean page) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalEntra entra = new LocalEntra(server, clock, host, redirect, page);
        entra.rotate();
        server.createContext("/", entra::serve);
        server.start();
        return entra;
    }

    URI authority() {
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    String issuer() {
        return authority() + "/" + TENANT + "/v2.0";
    }

    /** Settings for this stand-in with the given role mapping. */
    public OidcSettings settings(Map<Role, java.util.Set<String>> roles) {
        return new OidcSettings(TENANT, CLIENT_ID, new OidcSettings.Secret(SECRET), URI.create(redirect), authority(), roles);
    }

    public void signInAs(User u) {
        user = u;
    }

    /** Changes the claims of the next id token only. */
    void nextIdToken(UnaryOperator<JWTClaimsSet.Builder> change) {
        tamper = change;
    }

    /** Signs the next id token with {@code key} (not published unless the test publishes it). */
    void signNextWith(RSAKey key) {
        nextKey = Optional.of(key);
    }

    /** A new signing key with a new kid, published beside the old ones, as Entra rolls its keys. */
    RSAKey rotate() {
        try {
            RSAKey k = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(kid()).generate();
            published.add(k);
            signing = k;
            return k;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAKey currentKey() {
        return signing;
    }

    /** The requests received, as {@code METHOD path}, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many requests ended with {@code pathEnd}, e.g. {@code /discovery/v2.0/keys}. */
    long count(String pathEnd) {
        return requests.stream().filter(r -> r.endsWith(pathEnd)).count();
    }

    @Override
    public synchronized void close() {
        if (!closed) server.stop(0);
        closed = true;
    }

    // ---------------------------------------------------------------- serving

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            requests.add(method + " " + path);
            String[] p = path.split("/");
            String tenant = p.length > 1 ? p[1] : "";
            if (!tenant.equals(TENANT) && !tenant.equals(DOMAIN)) {
                send(ex, 400, error("invalid_tenant", 90002, "AADSTS90002: Tenant '" + tenant + "' not found. Check to make sure "
                        + "you have the correct tenant ID and are signing into the correct cloud."));
                return;
            }
            String rest = path.substring(tenant.length() + 1);
            Map<String, String> query = form(Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""));
            switch (method + " " + rest) {
                case "GET /v2.0/.well-known/openid-configuration" -> send(ex, 200, discovery());
                case "GET /discovery/v2.0/keys" -> send(ex, 200, keys());
                case "GET /oauth2/v2.0/authorize" -> authorize(ex, query);
                case "POST /oauth2/v2.0/token" -> send(ex, token(form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
                default -> send(ex, 404, error("not_found", 0, "the local stand-in has no " + method + " " + path));
            }
        }
    }

    /** Entra's v2.0 discovery document for a single tenant, with every endpoint here. */
    private String discovery() {
        String base = authority() + "/" + TENANT;
        ObjectNode d = JSON.createObjectNode();
        d.put("token_endpoint", base + "/oauth2/v2.0/token");
        d.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        d.put("jwks_uri", base + "/discovery/v2.0/keys");
        d.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        d.putArray("subject_types_supported").add("pairwise");
        d.putArray("id_token_signing_alg_values_supported").add("RS256");
        d.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        d.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        d.put("issuer", issuer());
        d.put("request_uri_parameter_supported", false);
        d.put("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
        d.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        d.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        d.put("http_logout_supported", true);
        d.put("frontchannel_logout_supported", true);
        d.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        var claims = d.putArray("claims_supported");
        for (String c : List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
                "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver",
                "at_hash", "c_hash", "email")) claims.add(c);
        d.put("kerberos_endpoint", base + "/kerberos");
        d.put("tenant_region_scope", "EU");
        d.put("cloud_instance_name", "microsoftonline.com");
        d.put("cloud_graph_host_name", "graph.windows.net");
        d.put("msgraph_host", "graph.microsoft.com");
        d.put("rbac_url", "https://pas.windows.net");
        return d.toString();
    }

    /** The published keys, public parts only, each with Entra's extra members. */
    private String keys() {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (RSAKey k : published) {
            Map<String, Object> m = new HashMap<>(k.toPublicJWK().toJSONObject());
            m.put("x5t", k.getKeyID());
            m.put("issuer", issuer());
            m.put("cloud_instance_name", "microsoftonline.com");
            keys.add(m);
        }
        try {
            return JSON.writeValueAsString(Map.of("keys", keys));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorize(HttpExchange ex, Map<String, String> q) throws IOException {
        if (!CLIENT_ID.equals(q.get("client_id"))) {
            send(ex, 400, error("unauthorized_client", 700016, "AADSTS700016: Application with identifier '" + q.get("client_id")
                    + "' was not found in the directory '" + DOMAIN + "'."));
            return;
        }
        if (!redirect.equals(q.get("redirect_uri"))) {
            send(ex, 400, error("invalid_request", 50011, "AADSTS50011: The redirect URI '" + q.get("redirect_uri")
                    + "' specified in the request does not match the redirect URIs configured for the application."));
            return;
        }
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.getOrDefault("code_challenge", "").isEmpty() || !q.getOrDefault("scope", "").contains("openid")) {
            send(ex, 400, error("invalid_request", 900144, "AADSTS900144: The request body must contain a valid "
                    + "response_type, scope with openid, and an S256 code_challenge."));
            return;
        }
        String code = "1.AXEA" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        codes.put(code, new Grant(user, q.getOrDefault("nonce", ""), q.get("code_challenge"), q.get("redirect_uri")));
        String location = redirect + "?code=" + enc(code) + "&state=" + enc(q.getOrDefault("state", ""))
                + "&session_state=" + UUID.randomUUID();
        if (page) {
            byte[] html = ("<!doctype html><title>Sign in to your account</title><p>Signed in as " + user.name()
                    + ".</p><a id=\"continue\" href=\"" + location.replace("&", "&amp;") + "\">Continue</a>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, html.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(html);
            }
            return;
        }
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    private Reply token(Map<String, String> f) {
        if (!"authorization_code".equals(f.get("grant_type"))) {
            return new Reply(400, error("unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type."));
        }
        if (f.containsKey("client_assertion")) {
            Optional<String> wrong = checkAssertion(f);
            if (wrong.isPresent()) return new Reply(401, error("invalid_client", 700027, "AADSTS700027: " + wrong.get()));
        } else if (!CLIENT_ID.equals(f.get("client_id")) || !SECRET.equals(f.get("client_secret"))) {
            return new Reply(401, error("invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the "
                    + "secret being sent in the request is the client secret value, not the client secret ID."));
        }
        Grant g = codes.remove(f.getOrDefault("code", ""));
        if (g == null) {
            return new Reply(400, error("invalid_grant", 54005, "AADSTS54005: OAuth2 Authorization code was already redeemed, "
                    + "please retry with a new valid code or use an existing refresh token."));
        }
        if (!g.redirectUri().equals(f.get("redirect_uri"))) {
            return new Reply(400, error("invalid_grant", 70000, "AADSTS70000: The provided value for the 'redirect_uri' is not valid."));
        }
        if (!OidcSignIn.challenge(f.getOrDefault("code_verifier", "")).equals(g.challenge())) {
            return new Reply(400, error("invalid_grant", 501481, "AADSTS501481: The Code_Verifier does not match the "
                    + "code_challenge supplied in the authorization request."));
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("token_type", "Bearer");
        r.put("scope", "openid profile email");
        r.put("expires_in", 3599);
        r.put("ext_expires_in", 3599);
        r.put("access_token", "eyJ0eXAiOiJKV1QiLCJub25jZSI6ImxvY2FsIiwiYWxnIjoiUlMyNTYifQ.local-graph-token." + UUID.randomUUID());
        r.put("id_token", idToken(g));
        return new Reply(200, r.toString());
    }

    /** Registers the app's certificate: client assertions signed by its key are then accepted. */
    void registerCertificate(java.security.cert.X509Certificate c) {
        certificate = c;
    }

    /** Why a client assertion is refused, as Entra checks it (certificate credentials page); empty when good. */
    private Optional<String> checkAssertion(Map<String, String> f) {
        if (certificate == null) return Optional.of("Client assertion contains an invalid signature: no certificate is registered.");
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(f.get("client_assertion_type"))) {
            return Optional.of("client_assertion_type is not jwt-bearer.");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(f.get("client_assertion"));
            byte[] thumbprint = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            if (!com.nimbusds.jose.util.Base64URL.encode(thumbprint).equals(jwt.getHeader().getX509CertSHA256Thumbprint())) {
                return Optional.of("Client assertion contains an invalid signature. [Reason - The key was not found.]");
            }
            if (!jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()))) {
                return Optional.of("Client assertion failed signature validation.");
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            String tokenUrl = authority() + "/" + TENANT + "/oauth2/v2.0/token";
            if (!List.of(tokenUrl).equals(c.getAudience())) return Optional.of("The audience of the client assertion is not " + tokenUrl + ".");
            if (!CLIENT_ID.equals(c.getIssuer()) || !CLIENT_ID.equals(c.getSubject())) return Optional.of("iss and sub must be the client id.");
            if (c.getExpirationTime() == null || !c.getExpirationTime().toInstant().isAfter(clock.instant())) {
                return Optional.of("The client assertion is not within its valid time range.");
            }
            return Optional.empty();
        } catch (java.text.ParseException | JOSEException | java.security.GeneralSecurityException e) {
            return Optional.of("The client assertion is not a signed JWT.");
        }
    }

    private String idToken(Grant g) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .audience(CLIENT_ID).issuer(issuer()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("aio", "AXQAi/8WAAAA" + UUID.randomUUID()).claim("name", g.user().name())
                .claim("nonce", g.nonce()).claim("oid", g.user().oid()).claim("preferred_username", g.user().name())
                .claim("rh", "1.AXEAeLeKqCpAYUCAEnNuNzk56w.").subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .claim("tid", TENANT).claim("uti", UUID.randomUUID().toString().substring(0, 22)).claim("ver", "2.0");
        if (!g.user().roles().isEmpty()) b.claim("roles", g.user().roles());
        if (!g.user().groups().isEmpty()) b.claim("groups", g.user().groups());
        b = tamper.apply(b);
        tamper = x -> x;
        RSAKey key = nextKey.orElse(signing);
        nextKey = Optional.empty();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), b.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entra's token error body (token-error-sample-with-error-uri.json). */
    private static String error(String error, int code, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description + "\r\nTrace ID: " + UUID.randomUUID() + "\r\nCorrelation ID: "
                + UUID.randomUUID() + "\r\nTimestamp: 2026-11-20 09:00:00Z");
        n.putArray("error_codes").add(code);
        n.put("timestamp", "2026-11-20 09:00:00Z");
        n.put("trace_id", UUID.randomUUID().toString());
        n.put("correlation_id", UUID.randomUUID().toString());
        n.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return n.toString();
    }

    private record Reply(int status, String body) {
    }

    private static void send(HttpExchange ex, Reply r) throws IOException {
        send(ex, r.status(), r.body());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String s) {
        Map<String, String> out = new HashMap<>();
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String kid() {
        byte[] b = new byte[20];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
