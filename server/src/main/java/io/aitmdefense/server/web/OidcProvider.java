package io.aitmdefense.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aitmdefense.graph.auth.CertificateFile;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant's Entra endpoints as its OpenID discovery document names them, its signing keys, and the token request
 * of the authorization-code flow. The discovery document and the keys are cached: Entra rotates its signing keys
 * every few weeks and publishes a new key before signing with it, so a key id we do not know means "fetch the keys
 * again", at most once per {@link #REFETCH_GAP} (a token with a kid Entra never published must not turn every sign-in
 * into a fetch).
 */
final class OidcProvider implements JWKSource<SecurityContext> {
    static final Duration REFETCH_GAP = Duration.ofMinutes(1);
    /** Entra keeps a retired key in its key set for a while; a day-old copy still has every key in use. */
    static final Duration KEYS_MAX_AGE = Duration.ofHours(24);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ISSUER = Pattern.compile(
            "https?://[^/]+/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/v2\\.0/?");

    /** What the discovery document says of the tenant; {@code tenantId} is the GUID in its issuer. */
    record Discovery(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, String tenantId) {
    }

    private final OidcSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private Discovery discovery;
    private Instant discoveredAt = Instant.MIN;
    private JWKSet keys = new JWKSet();
    private Instant keysFetchedAt = Instant.MIN;

    OidcProvider(OidcSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /**
     * The discovery document of {@code {authority}/{tenant}/v2.0/.well-known/openid-configuration}, read again after a
     * day. {@code appid} asks for the keys of this app: an app with a claims-mapping policy has tokens signed by keys of
     * its own, which only that variant of the key set holds (Entra documents this; for other apps it changes nothing).
     */
    synchronized Discovery discovery() {
        Instant now = clock.instant();
        if (discovery != null && now.isBefore(discoveredAt.plus(KEYS_MAX_AGE))) return discovery;
        URI uri = URI.create(settings.authority() + "/" + enc(settings.tenant()) + "/v2.0/.well-known/openid-configuration?appid="
                + enc(settings.clientId()));
        JsonNode doc = json(get(uri), "the OpenID discovery document " + uri);
        String issuer = doc.path("issuer").asText("");
        // v2.0 issuer: {authority}/{tenant id}/v2.0; the tenant id is how a domain name resolves
        Matcher m = ISSUER.matcher(issuer);
        if (!m.matches()) throw new OidcException("the discovery document's issuer is not a v2.0 tenant issuer: " + issuer);
        String tenantId = m.group(1).toLowerCase(Locale.ROOT);
        if (settings.tenantId().isPresent() && !settings.tenantId().get().equals(tenantId)) {
            throw new OidcException("the discovery document of tenant " + settings.tenant() + " names issuer " + issuer);
        }
        discovery = new Discovery(issuer, endpoint(doc, "authorization_endpoint"), endpoint(doc, "token_endpoint"),
                endpoint(doc, "jwks_uri"), tenantId);
        discoveredAt = now;
        return discovery;
    }

    /** The signing keys matching {@code selector}: from the cached set, else from a fresh one (a rotated key). */
    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        List<JWK> found = keysFetchedAt.plus(KEYS_MAX_AGE).isAfter(now) ? selector.select(keys) : List.of();
        if (!found.isEmpty() || now.isBefore(keysFetchedAt.plus(REFETCH_GAP))) return found;
        try {
            keys = JWKSet.parse(get(discovery().jwksUri()));
        } catch (ParseException | OidcException e) {
            throw new KeySourceException("cannot read the tenant's signing keys: " + e.getMessage(), e);
        }
        keysFetchedAt = now;
        return selector.select(keys);
    }

    /**
     * Redeems an authorization code for tokens: a confidential client's request, with the PKCE verifier that proves
     * this server began the sign-in. Answers the token response; an Entra error becomes an {@link OidcException}
     * naming Entra's error code (its description can name the user, never a secret).
     */
    JsonNode redeem(String code, String verifier) {
        URI tokenEndpoint = discovery().tokenEndpoint();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", settings.clientId());
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", settings.redirectUri().toString());
        fields.put("code_verifier", verifier);
        fields.put("scope", OidcSignIn.SCOPE);
        if (settings.credential() instanceof OidcSettings.Certificate c) {
            fields.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            fields.put("client_assertion", assertion(c.file(), tokenEndpoint));
        } else if (settings.credential() instanceof OidcSettings.Secret s) {
            fields.put("client_secret", s.value());
        }
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(k + "=" + enc(v)));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<String> r = send(request);
        JsonNode body = json(r.body(), "the token response");
        if (r.statusCode() != 200) {
            String codes = body.path("error_codes").isArray() && !body.path("error_codes").isEmpty()
                    ? " (AADSTS" + body.path("error_codes").get(0).asText() + ")" : "";
            throw new OidcException("the token endpoint answered " + r.statusCode() + " " + body.path("error").asText("?") + codes);
        }
        return body;
    }

    /**
     * A client assertion as Entra's certificate credentials page describes it: PS256, the certificate named by its
     * SHA-256 thumbprint ({@code x5t#S256}), {@code aud} the token endpoint, {@code iss} = {@code sub} = the client id,
     * a fresh {@code jti}, valid for five minutes.
     */
    private String assertion(CertificateFile cert, URI tokenEndpoint) {
        if (!(cert.key() instanceof RSAPrivateKey key)) throw new OidcException("the certificate's key is not an RSA key");
        Instant now = clock.instant();
        try {
            byte[] thumbprint = MessageDigest.getInstance("SHA-256").digest(cert.chain().get(0).getEncoded());
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)
                    .x509CertSHA256Thumbprint(Base64URL.encode(thumbprint)).build(),
                    new JWTClaimsSet.Builder().audience(tokenEndpoint.toString()).issuer(settings.clientId())
                            .subject(settings.clientId()).jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                            .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new OidcException("cannot sign the client assertion: " + e.getMessage());
        }
    }

    private static URI endpoint(JsonNode doc, String key) {
        String v = doc.path(key).asText("");
        try {
            URI u = new URI(v);
            if (u.getHost() == null) throw new OidcException("the discovery document's " + key + " is not a URL: '" + v + "'");
            return u;
        } catch (URISyntaxException e) {
            throw new OidcException("the discovery document's " + key + " is not a URL: '" + v + "'");
        }
    }

    private String get(URI uri) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build());
        if (r.statusCode() != 200) throw new OidcException(OidcRefusal.UNAVAILABLE, uri.getPath() + " answered " + r.statusCode());
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OidcException(OidcRefusal.UNAVAILABLE, "cannot reach " + request.uri().getHost() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException(OidcRefusal.UNAVAILABLE, "interrupted while calling " + request.uri().getHost());
        }
    }

    private static JsonNode json(String text, String what) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) throw new OidcException(what + " is not a JSON object");
            return n;
        } catch (IOException e) {
            throw new OidcException(what + " is not JSON");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
