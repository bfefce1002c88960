package io.aitmdefense.server.web;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.aitmdefense.graph.auth.CertificateFile;
import io.aitmdefense.graph.testkit.SelfSignedCertificate;
import io.aitmdefense.store.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Entra sign-in end to end against {@link LocalEntra}: this test plays the browser, following each redirect by
 * hand (console → authorize → callback), so every hop's cookies and parameters are visible. Each refusal case checks
 * the same three things: back to {@code /login?refused=…}, no session cookie, and no way in with what the browser holds.
 */
class OidcSignInTest {
    static final String GROUP = "8a2f7c4e-0b1d-4e55-9d3a-5c6b7e8f9a01";

    @TempDir
    Path dir;
    final SessionsTest.HandClock clock = new SessionsTest.HandClock();
    LocalEntra entra;
    TestConsole console;
    final HttpClient http = HttpClient.newHttpClient(); // follows no redirects: each hop is the test's

    @BeforeEach
    void start() throws Exception {
        entra = LocalEntra.start(clock);
        OidcSettings settings = entra.settings(Map.of(Role.ADMIN, Set.of("Aitm.Admin"), Role.RESPONDER, Set.of("Aitm.Responder", GROUP),
                Role.VIEWER, Set.of("Aitm.Viewer")));
        console = new TestConsole(dir, clock, c -> c.withOidc(Optional.of(settings)));
    }

    @AfterEach
    void stop() {
        console.close();
        entra.close();
    }

    /** The browser's state after sending it to Microsoft: the pre-login cookie and the authorize URL. */
    record Started(String cookie, URI authorize) {
    }

    Started begin(String next) throws Exception {
        HttpResponse<String> r = console.send(console.request("/login/oidc?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(OidcSignIn.COOKIE + "=").contains("; HttpOnly", "; SameSite=Lax", "; Path=/login/oidc");
        return new Started(setCookie.substring(0, setCookie.indexOf(';')), URI.create(r.headers().firstValue("Location").orElseThrow()));
    }

    /** The person signs in at Microsoft: the callback path and query Entra redirects the browser to. */
    String authorize(Started s) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.authorize()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(LocalEntra.REDIRECT + "?");
        return location.substring("https://aitm.contoso.example".length()); // the console as its public URL reaches it
    }

    HttpResponse<String> callback(String pathAndQuery, String cookie) throws Exception {
        HttpRequest.Builder b = console.request(pathAndQuery);
        if (cookie != null) b.header("Cookie", cookie);
        return console.send(b);
    }

    HttpResponse<String> signIn(String next) throws Exception {
        Started s = begin(next);
        return callback(authorize(s), s.cookie());
    }

    static Optional<String> session(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(WebSecurity.COOKIE + "=")).findFirst();
    }

    /** Who the session cookie of a signed-in response is, as the API says. */
    String whoami(HttpResponse<String> signedIn) throws Exception {
        String c = session(signedIn).orElseThrow();
        HttpResponse<String> r = console.send(console.request("/api/v1/session").header("Cookie", c.substring(0, c.indexOf(';'))));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().replaceAll(".*\"name\":\"([^\"]+)\".*\"role\":\"([^\"]+)\".*", "$1 $2");
    }

    void assertRefused(HttpResponse<String> r, OidcRefusal why) throws Exception {
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?refused=" + why.code());
        assertThat(session(r)).as("no session cookie").isEmpty();
        String page = console.send(console.request("/login?refused=" + why.code())).body();
        assertThat(page).contains("id=\"login-refused\"", io.aitmdefense.model.SafeText.html(why.message()));
    }

    List<String> audit() {
        return console.db.audit().entries(SignInAudit.CHAIN).stream().map(AuditLog.Entry::entry).toList();
    }

    @Test
    void eachMappedAppRoleAndAMappedGroupSignInWithTheirRoleAndAreAudited() throws Exception {
        Map<LocalEntra.User, String> cases = Map.of(
                LocalEntra.User.withRoles("adele.vance@contoso.example", "Aitm.Admin", "Aitm.Viewer"), "admin",
                LocalEntra.User.withRoles("lee.gu@contoso.example", "Aitm.Responder"), "responder",
                LocalEntra.User.withRoles("megan.bowen@contoso.example", "Aitm.Viewer", "Other.App.Role"), "viewer",
                new LocalEntra.User("lidia.holloway@contoso.example", "c4b2e0a1-77c9-4f0e-9a55-3e1c2b7d6f10", List.of(),
                        List.of("0d7e3f2a-1111-4e55-9d3a-5c6b7e8f9a99", GROUP.toUpperCase())), "responder");
        for (Map.Entry<LocalEntra.User, String> c : cases.entrySet()) {
            entra.signInAs(c.getKey());
            HttpResponse<String> r = signIn("/incidents/inc-1?tab=plan");
            assertThat(r.statusCode()).as(c.getKey().name()).isEqualTo(200);
            assertThat(session(r)).hasValueSatisfying(cookie -> assertThat(cookie).contains("; HttpOnly", "; SameSite=Strict"));
            assertThat(r.body()).as("moves on to next itself: a redirect would still count as Microsoft's and drop the Strict cookie")
                    .contains("<meta http-equiv=\"refresh\" content=\"0;url=/incidents/inc-1?tab=plan\">");
            assertThat(whoami(r)).isEqualTo(c.getKey().name() + " " + c.getValue());
        }
        assertThat(audit()).hasSize(4).allSatisfy(e -> assertThat(e).contains("\"event\":\"sign-in\"", "\"method\":\"entra\"",
                "\"outcome\":\"done\"")).anySatisfy(e -> assertThat(e).contains("\"actor\":\"lee.gu@contoso.example\"",
                "\"role\":\"responder\""));
        assertThat(console.db.audit().verify(SignInAudit.CHAIN).intact()).isTrue();
    }

    @Test
    void theAuthorizeRequestIsACodeFlowWithS256PkceStateAndNonceAndTheNextPathStaysLocal() throws Exception {
        Started s = begin("https://evil.example/");
        Map<String, String> q = query(s.authorize());
        assertThat(s.authorize().toString()).startsWith(entra.authority() + "/" + LocalEntra.TENANT + "/oauth2/v2.0/authorize?");
        assertThat(q).containsEntry("client_id", LocalEntra.CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("response_mode", "query").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", LocalEntra.REDIRECT).containsEntry("scope", "openid profile");
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(q.get("state")).hasSize(43).isNotEqualTo(q.get("nonce"));
        assertThat(q.keySet()).doesNotContain("client_secret", "code_verifier");
        assertThat(s.authorize().toString()).doesNotContain(LocalEntra.SECRET);
        HttpResponse<String> r = callback(authorize(s), s.cookie());
        assertThat(r.body()).as("an off-site next is dropped").contains("content=\"0;url=/\"");
    }

    @Test
    void aUserWithNoMappedRoleIsRefusedWithAClearPageAndTheRefusalIsAudited() throws Exception {
        entra.signInAs(LocalEntra.User.withRoles("pradeep.gupta@contoso.example", "Some.Other.Role"));
        assertRefused(signIn("/"), OidcRefusal.NO_ROLE);
        entra.signInAs(LocalEntra.User.withRoles("joni.sherman@contoso.example"));
        assertRefused(signIn("/"), OidcRefusal.NO_ROLE);
        assertThat(audit()).hasSize(2).allSatisfy(e -> assertThat(e).contains("\"outcome\":\"refused\"", "no mapped role"))
                .anySatisfy(e -> assertThat(e).contains("pradeep.gupta@contoso.example"));
        assertThat(console.send(console.request("/login?refused=no-role")).body())
                .contains("none of the console&#39;s roles");
    }

    @Test
    void anyoneOfTheTenantIsAViewerOnlyWhenTheMappingSaysSo() throws Exception {
        console.close();
        OidcSettings anyone = entra.settings(Map.of(Role.ADMIN, Set.of("Aitm.Admin"), Role.VIEWER, Set.of(OidcSettings.ANYONE)));
        console = new TestConsole(dir.resolve("2"), clock, c -> c.withOidc(Optional.of(anyone)));
        entra.signInAs(LocalEntra.User.withRoles("joni.sherman@contoso.example"));
        assertThat(whoami(signIn("/"))).isEqualTo("joni.sherman@contoso.example viewer");
    }

    @Test
    void aTenantNamedByItsDomainIsCheckedAgainstTheIdItsDiscoveryDocumentGives() throws Exception {
        console.close();
        OidcSettings s = entra.settings(Map.of(Role.RESPONDER, Set.of("Aitm.Responder")));
        OidcSettings byDomain = new OidcSettings(LocalEntra.DOMAIN, s.clientId(), s.credential(), s.redirectUri(), s.authority(), s.roles());
        console = new TestConsole(dir.resolve("2"), clock, c -> c.withOidc(Optional.of(byDomain)));
        entra.signInAs(LocalEntra.User.withRoles("lee.gu@contoso.example", "Aitm.Responder"));
        assertThat(whoami(signIn("/"))).isEqualTo("lee.gu@contoso.example responder");
        assertThat(entra.requests()).contains("GET /" + LocalEntra.DOMAIN + "/v2.0/.well-known/openid-configuration");
        entra.nextIdToken(b -> b.claim("tid", "9188040d-6c67-4c5b-b112-36a304b66dad"));
        assertRefused(signIn("/"), OidcRefusal.INVALID);
    }

    @Test
    void withACertificateTheCodeIsRedeemedWithASignedClientAssertionInsteadOfASecret() throws Exception {
        console.close();
        SelfSignedCertificate app = SelfSignedCertificate.create(dir.resolve("certs"), "aitm-console");
        SelfSignedCertificate other = SelfSignedCertificate.create(dir.resolve("certs"), "someone-else");
        entra.registerCertificate(app.certificate());
        OidcSettings s = entra.settings(Map.of(Role.ADMIN, Set.of("Aitm.Admin")));
        OidcSettings.Certificate credential = new OidcSettings.Certificate(CertificateFile.load(app.pfx(), Optional.of(app.pfxPasswordFile())));
        console = new TestConsole(dir.resolve("2"), clock, c -> c.withOidc(Optional.of(
                new OidcSettings(s.tenant(), s.clientId(), credential, s.redirectUri(), s.authority(), s.roles()))));
        entra.signInAs(LocalEntra.User.withRoles("adele.vance@contoso.example", "Aitm.Admin"));
        assertThat(whoami(signIn("/"))).isEqualTo("adele.vance@contoso.example admin");
        console.close();

        OidcSettings.Certificate wrong = new OidcSettings.Certificate(CertificateFile.load(other.pem(), Optional.empty()));
        console = new TestConsole(dir.resolve("3"), clock, c -> c.withOidc(Optional.of(
                new OidcSettings(s.tenant(), s.clientId(), wrong, s.redirectUri(), s.authority(), s.roles()))));
        assertRefused(signIn("/"), OidcRefusal.INVALID);
    }

    @Test
    void anIdTokenForAnotherAppAnotherIssuerOrTenantOrOutOfDateIsRefused() throws Exception {
        List<UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder>> tampered = List.of(
                b -> b.audience("00000003-0000-0000-c000-000000000000"),                  // Graph's, not ours
                b -> b.audience(List.of(LocalEntra.CLIENT_ID, "another-app")),
                b -> b.issuer("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"),
                b -> b.claim("tid", "9188040d-6c67-4c5b-b112-36a304b66dad"),                // the consumer tenant
                b -> b.expirationTime(Date.from(clock.now.minus(Duration.ofMinutes(3)))),
                b -> b.notBeforeTime(Date.from(clock.now.plus(Duration.ofMinutes(10)))),
                b -> b.claim("nonce", "not-this-sign-ins-nonce"),
                b -> b.claim("nonce", null));
        entra.signInAs(LocalEntra.User.withRoles("adele.vance@contoso.example", "Aitm.Admin"));
        for (UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> t : tampered) {
            entra.nextIdToken(t);
            assertRefused(signIn("/"), OidcRefusal.INVALID);
        }
        // within the clock skew an expiry is still accepted: the checks above fail for the claim, not for the flow
        entra.nextIdToken(b -> b.expirationTime(Date.from(clock.now.minus(Duration.ofSeconds(30)))));
        assertThat(whoami(signIn("/"))).isEqualTo("adele.vance@contoso.example admin");
        assertThat(audit()).as("refusals before the token is trusted write nothing").hasSize(1);
    }

    @Test
    void anIdTokenSignedByAnUnpublishedKeyIsRefusedEvenWithAKnownKid() throws Exception {
        entra.signInAs(LocalEntra.User.withRoles("adele.vance@contoso.example", "Aitm.Admin"));
        RSAKey forged = new RSAKeyGenerator(2048).keyID(entra.currentKey().getKeyID()).generate();
        entra.signNextWith(forged);
        assertRefused(signIn("/"), OidcRefusal.INVALID);
        entra.signNextWith(new RSAKeyGenerator(2048).keyID("unpublished").generate());
        assertRefused(signIn("/"), OidcRefusal.INVALID);
        assertThat(whoami(signIn("/"))).as("the real key still works").isEqualTo("adele.vance@contoso.example admin");
    }

    @Test
    void aRotatedKeyIsFetchedOnItsFirstUnknownKidAtMostOnceAMinute() throws Exception {
        entra.signInAs(LocalEntra.User.withRoles("lee.gu@contoso.example", "Aitm.Responder"));
        assertThat(whoami(signIn("/"))).isEqualTo("lee.gu@contoso.example responder");
        assertThat(whoami(signIn("/"))).isEqualTo("lee.gu@contoso.example responder");
        assertThat(entra.count("/discovery/v2.0/keys")).as("the keys are cached").isEqualTo(1);
        assertThat(entra.count("/.well-known/openid-configuration")).as("so is the discovery document").isEqualTo(1);

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        entra.rotate(); // Entra publishes a new key and signs with it
        assertThat(whoami(signIn("/"))).isEqualTo("lee.gu@contoso.example responder");
        assertThat(entra.count("/discovery/v2.0/keys")).as("the unknown kid fetched the keys again").isEqualTo(2);

        entra.rotate(); // again within the minute: not fetched, refused, and fine once the minute has passed
        assertRefused(signIn("/"), OidcRefusal.INVALID);
        assertThat(entra.count("/discovery/v2.0/keys")).isEqualTo(2);
        clock.now = clock.now.plus(OidcProvider.REFETCH_GAP);
        assertThat(whoami(signIn("/"))).isEqualTo("lee.gu@contoso.example responder");
        assertThat(entra.count("/discovery/v2.0/keys")).isEqualTo(3);
    }

    @Test
    void aCallbackWithoutItsPreLoginCookieWithAnotherStateReplayedOrLateIsRefused() throws Exception {
        entra.signInAs(LocalEntra.User.withRoles("adele.vance@contoso.example", "Aitm.Admin"));

        Started s = begin("/");
        String back = authorize(s);
        assertRefused(callback(back, null), OidcRefusal.EXPIRED);                       // another browser: no cookie
        assertThat(whoami(callback(back, s.cookie()))).as("which spoils nothing for the browser that began it")
                .isEqualTo("adele.vance@contoso.example admin");

        Started mine = begin("/");
        Started theirs = begin("/");
        assertRefused(callback(authorize(theirs), mine.cookie()), OidcRefusal.EXPIRED); // their code in my browser

        Started t = begin("/");
        String other = authorize(t).replaceAll("state=[^&]+", "state=forged");
        assertRefused(callback(other, t.cookie()), OidcRefusal.EXPIRED);
        Started u = begin("/");
        assertRefused(callback(authorize(u).replaceAll("&state=[^&]+", ""), u.cookie()), OidcRefusal.EXPIRED);

        Started v = begin("/");
        String good = authorize(v);
        HttpResponse<String> first = callback(good, v.cookie());
        assertThat(whoami(first)).isEqualTo("adele.vance@contoso.example admin");
        assertThat(first.headers().allValues("Set-Cookie")).as("the pre-login cookie is cleared")
                .anySatisfy(c -> assertThat(c).startsWith(OidcSignIn.COOKIE + "=;").contains("Max-Age=0"));
        assertRefused(callback(good, v.cookie()), OidcRefusal.EXPIRED);                  // replayed

        Started w = begin("/");
        String late = authorize(w);
        clock.now = clock.now.plus(OidcSignIn.PENDING);
        assertRefused(callback(late, w.cookie()), OidcRefusal.EXPIRED);
    }

    @Test
    void anErrorFromEntraOrFromItsTokenEndpointIsRefusedWithoutEchoingIt() throws Exception {
        Started s = begin("/");
        String state = query(s.authorize()).get("state");
        HttpResponse<String> denied = callback(OidcSettings.CALLBACK + "?error=access_denied&error_description="
                + URLEncoder.encode("AADSTS50105: <b>call 555-0100</b> user not assigned", StandardCharsets.UTF_8)
                + "&state=" + state, s.cookie());
        assertRefused(denied, OidcRefusal.DENIED);
        assertThat(console.send(console.request("/login?refused=denied")).body()).doesNotContain("555-0100");

        Started t = begin("/");
        String back = authorize(t).replaceAll("code=[^&]+", "code=1.AXEAforged");
        assertRefused(callback(back, t.cookie()), OidcRefusal.INVALID); // invalid_grant at the token endpoint
    }

    @Test
    void theSignInPageOffersMicrosoftOnlyWhenConfiguredAndBothRoutesArePublic() throws Exception {
        String page = console.send(console.request("/login?next=%2Fsources")).body();
        assertThat(page).contains("id=\"login-oidc\"", "href=\"/login/oidc?next=%2Fsources\"", "Sign in with Microsoft");
        assertThat(WebSecurity.isPublic(io.javalin.http.HandlerType.GET, "/login/oidc")).isTrue();
        assertThat(WebSecurity.isPublic(io.javalin.http.HandlerType.GET, OidcSettings.CALLBACK)).isTrue();
        assertThat(WebSecurity.isPublic(io.javalin.http.HandlerType.POST, OidcSettings.CALLBACK)).isFalse();
        try (TestConsole plain = new TestConsole(dir.resolve("plain"))) {
            assertThat(plain.send(plain.request("/login")).body()).doesNotContain("Sign in with Microsoft");
            assertThat(plain.send(plain.request("/login/oidc")).statusCode()).as("no route without oidc:").isEqualTo(404);
        }
    }

    @Test
    void aTokenSignInIsAuditedToo() throws Exception {
        console.signIn(console.adminToken, "/");
        assertThat(audit()).singleElement().satisfies(e -> assertThat(e).contains("\"actor\":\"admin\"", "\"method\":\"token\"",
                "\"role\":\"admin\"", "\"outcome\":\"done\"").doesNotContain(console.adminToken));
    }

    @Test
    void whenEntraCannotBeReachedTheSignInSaysSo() throws Exception {
        Started s = begin("/");
        String back = authorize(s);
        entra.close();
        assertRefused(callback(back, s.cookie()), OidcRefusal.UNAVAILABLE); // the token endpoint is gone
        try (TestConsole fresh = new TestConsole(dir.resolve("2"), clock, c -> c.withOidc(Optional.of(
                entra.settings(Map.of(Role.VIEWER, Set.of("Aitm.Viewer"))))))) {
            HttpResponse<String> r = fresh.send(fresh.request("/login/oidc"));   // and so is the discovery document
            assertThat(r.headers().firstValue("Location")).hasValue("/login?refused=" + OidcRefusal.UNAVAILABLE.code());
            assertThat(session(r)).isEmpty();
        }
    }

    static Map<String, String> query(URI u) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : u.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
