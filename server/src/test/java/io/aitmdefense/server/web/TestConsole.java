package io.aitmdefense.server.web;

import io.aitmdefense.server.api.AdminToken;
import io.aitmdefense.server.api.ApiServer;
import io.aitmdefense.server.api.ServerContext;
import io.aitmdefense.store.Database;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** A running console on a free port over an embedded store in a temporary folder, with its admin token and an HTTP client. */
public final class TestConsole implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    public final Database db;
    public final ApiServer api;
    public final String adminToken;
    public final String base;
    public final HttpClient http = HttpClient.newHttpClient();

    public TestConsole(Path dir, UnaryOperator<ServerContext> context) throws Exception {
        this(dir, Clock.systemUTC(), context);
    }

    /** A console whose sessions and sign-ins run on {@code clock}. */
    public TestConsole(Path dir, Clock clock, UnaryOperator<ServerContext> context) throws Exception {
        this(dir, 0, clock, context);
    }

    /** A console on {@code port} (0: a free one), its sessions and sign-ins running on {@code clock}. */
    public TestConsole(Path dir, int port, Clock clock, UnaryOperator<ServerContext> context) throws Exception {
        db = Database.embedded(dir.resolve("db"));
        AdminToken.ensure(db, dir, NOW);
        adminToken = Files.readString(dir.resolve(AdminToken.FILE)).trim();
        api = ApiServer.start(context.apply(ServerContext.of("127.0.0.1", port, db, List::of, clock)));
        base = "http://127.0.0.1:" + api.port();
    }

    public TestConsole(Path dir) throws Exception {
        this(dir, c -> c);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String bearer) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + bearer));
    }

    public HttpResponse<String> post(String path, String bearer, String json) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Signs in with a form post as a browser would: the response carries the session cookie. */
    public HttpResponse<String> signIn(String token, String next) throws Exception {
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A browser's session: its cookie and the CSRF token its pages carry. */
    public record Browser(String cookie, String csrf) {
    }

    public Browser browser(String token) throws Exception {
        String setCookie = signIn(token, "/").headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String session = send(request("/api/v1/session").header("Cookie", cookie)).body();
        String csrf = session.replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
        return new Browser(cookie, csrf);
    }

    /** A new console user of {@code role}, created by the admin; its token. */
    public String user(String name, String role) throws Exception {
        HttpResponse<String> r = post("/api/v1/users", adminToken, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        if (r.statusCode() != 201) throw new IllegalStateException(r.statusCode() + " " + r.body());
        return r.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    @Override
    public void close() {
        api.close();
        db.close();
    }
}
