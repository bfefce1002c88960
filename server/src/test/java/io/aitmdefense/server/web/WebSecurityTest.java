package io.aitmdefense.server.web;

import io.aitmdefense.server.api.ApiServer;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebSecurityTest {
    @TempDir
    Path dir;
    TestConsole console;

    @BeforeEach
    void start() throws Exception {
        console = new TestConsole(dir);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void everyRegisteredRouteWithoutASessionIsRefusedPagesToSignInAndTheApiWith401() throws Exception {
        List<ApiServer.Route> routes = console.api.routes();
        assertThat(routes).as("the routes are enumerated from the app").extracting(ApiServer.Route::toString)
                .contains("GET /api/v1/incidents", "POST /api/v1/users", "GET /api/v1/events", "POST /logout");
        List<ApiServer.Route> guarded = routes.stream().filter(r -> !WebSecurity.isPublic(r.method(), r.path())).toList();
        assertThat(guarded.size()).isGreaterThan(3);
        for (ApiServer.Route r : guarded) {
            String path = r.path().replaceAll("\\{[^}]+}", "inc-1");
            for (String cookie : new String[]{null, WebSecurity.COOKIE + "=forged"}) {
                HttpRequest.Builder b = console.request(path).method(r.method().toString(), HttpRequest.BodyPublishers.noBody());
                if (cookie != null) b.header("Cookie", cookie);
                HttpResponse<String> answer = console.send(b);
                if (path.startsWith("/api/")) {
                    assertThat(answer.statusCode()).as(r + " with " + cookie).isEqualTo(401);
                    assertThat(answer.body()).as(r.toString()).startsWith("{\"error\":");
                } else {
                    assertThat(answer.statusCode()).as(r.toString()).isEqualTo(303);
                    assertThat(answer.headers().firstValue("Location")).as(r.toString()).hasValueSatisfying(l ->
                            assertThat(l).startsWith("/login?next=%2F"));
                }
            }
            assertThat(console.get(path, "aitm_not-a-token").statusCode()).as(r + " with a wrong token").isIn(401, 303);
        }
        assertThat(console.send(console.request("/no/such/page?x=1")).headers().firstValue("Location"))
                .as("an unknown path is refused like any other, keeping the query for after sign-in")
                .hasValue("/login?next=%2Fno%2Fsuch%2Fpage%3Fx%3D1");
        assertThat(console.send(console.request("/api/v1/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void signingInGivesAStrictHttpOnlyCookieAndOnlyToALocalNextPath() throws Exception {
        HttpResponse<String> in = console.signIn(console.adminToken, "/incidents/inc-1?tab=plan");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).hasValue("/incidents/inc-1?tab=plan");
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(WebSecurity.COOKIE + "=").contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure").doesNotContain(console.adminToken);
        assertThat(console.send(console.request("/login").header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + console.adminToken))).headers().firstValue("Set-Cookie"))
                .as("behind an https proxy the cookie is Secure").hasValueSatisfying(c -> assertThat(c).contains("; Secure"));

        for (String evil : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            assertThat(console.signIn(console.adminToken, evil).headers().firstValue("Location")).as(evil).hasValue("/");
        }
        HttpResponse<String> wrong = console.signIn("aitm_wrong", "/");
        assertThat(wrong.statusCode()).isEqualTo(303);
        assertThat(wrong.headers().firstValue("Location")).hasValue("/login?failed=1");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> crossSite = console.send(console.request("/login").header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + console.adminToken)));
        assertThat(crossSite.statusCode()).as("login CSRF: a sign-in posted from another site").isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aCookiePostWithoutTheSessionsCsrfTokenIsRefusedAndABearerPostNeedsNone() throws Exception {
        TestConsole.Browser admin = console.browser(console.adminToken);
        assertThat(admin.csrf()).hasSizeGreaterThan(20);
        String body = "{\"name\":\"bob\",\"role\":\"viewer\"}";
        HttpRequest.Builder noToken = console.request("/api/v1/users").header("Cookie", admin.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(console.send(noToken).statusCode()).isEqualTo(403);
        assertThat(console.send(console.request("/api/v1/users").header("Cookie", admin.cookie())
                .header(WebSecurity.CSRF_HEADER, "x" + admin.csrf()).POST(HttpRequest.BodyPublishers.ofString(body)))
                .statusCode()).isEqualTo(403);
        assertThat(console.send(console.request("/api/v1/users").header("Cookie", admin.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=wrong"))).statusCode()).isEqualTo(403);
        assertThat(console.db.users().authenticate("bob")).isEmpty();

        HttpResponse<String> withToken = console.send(console.request("/api/v1/users").header("Cookie", admin.cookie())
                .header(WebSecurity.CSRF_HEADER, admin.csrf()).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
        assertThat(console.post("/api/v1/users", console.adminToken, "{\"name\":\"carol\",\"role\":\"responder\"}")
                .statusCode()).as("Bearer: no ambient credential, no CSRF token").isEqualTo(201);

        HttpResponse<String> out = console.send(console.request("/logout").header("Cookie", admin.cookie())
                .header(WebSecurity.CSRF_HEADER, admin.csrf()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(console.send(console.request("/api/v1/session").header("Cookie", admin.cookie())).statusCode())
                .as("signed out: the cookie is worth nothing").isEqualTo(401);
    }

    @Test
    void aViewerCanReadButEveryStateChangingApiRouteAnswers403() throws Exception {
        String viewerToken = console.user("vera", "viewer");
        TestConsole.Browser viewer = console.browser(viewerToken);
        assertThat(console.send(console.request("/api/v1/incidents").header("Cookie", viewer.cookie())).statusCode())
                .isEqualTo(200);
        List<ApiServer.Route> changes = console.api.routes().stream()
                .filter(r -> r.method() == HandlerType.POST && r.path().startsWith("/api/")).toList();
        assertThat(changes).isNotEmpty();
        for (ApiServer.Route r : changes) {
            String path = r.path().replaceAll("\\{[^}]+}", "inc-1");
            HttpResponse<String> answer = console.send(console.request(path).header("Cookie", viewer.cookie())
                    .header(WebSecurity.CSRF_HEADER, viewer.csrf()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\",\"role\":\"admin\",\"reason\":\"x\",\"assignee\":\"x\",\"steps\":[]}")));
            assertThat(answer.statusCode()).as(r + ": " + answer.body()).isEqualTo(403);
            assertThat(console.post(path, viewerToken, "{}").statusCode()).as(r + " by Bearer").isEqualTo(403);
        }
        String responder = console.user("rita", "responder");
        assertThat(console.post("/api/v1/users", responder, "{\"name\":\"mallory\",\"role\":\"admin\"}").statusCode())
                .as("only an admin creates users").isEqualTo(403);
        assertThat(console.db.users().authenticate("mallory")).isEmpty();
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersRefusalsAndErrorsToo() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                console.send(console.request("/api/v1/health")),
                console.send(console.request("/api/v1/incidents")),
                console.send(console.request("/")),
                console.send(console.request("/login")),
                console.get("/api/v1/no-such-route", console.adminToken),
                console.post("/api/v1/users", console.adminToken, "not json"));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 401, 303, 200, 404, 400);
        for (HttpResponse<String> a : answers) {
            WebSecurity.HEADERS.forEach((name, value) ->
                    assertThat(a.headers().firstValue(name)).as(a.uri() + " " + name).hasValue(value));
        }
        assertThat(answers.get(0).headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'", "script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(answers.get(3).body()).contains("<form method=\"post\" action=\"/login\"").doesNotContain("<script", "style=");
    }
}
