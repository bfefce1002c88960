package io.aitmdefense.graph.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.Api;
import io.aitmdefense.graph.config.Cloud;
import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.config.Endpoints;
import io.aitmdefense.graph.config.MicrosoftSettings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Microsoft endpoints the product calls, on {@code https://127.0.0.1:<free port>}, for
 * the graph, respond, harden and server tests. All four endpoints (login, Graph, Exchange, Management API) are this
 * one server, on the real paths:
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}: client credentials. A registered client secret, or a client
 *       assertion JWT that must be signed by the registered certificate, with {@code aud} = this token URL and
 *       {@code iss} = {@code sub} = the client id. Answers in the shape of token-response.json, errors in the shape of
 *       token-error-*.json. Each token is minted for one scope.</li>
 *   <li>Graph ({@code /v1.0/…}, {@code /beta/…}), Exchange ({@code /adminapi/…}) and Management API ({@code /api/…})
 *       routes that tests register with {@link #on} (a handler) or {@link #script} (canned replies in turn, the
 *       last repeated; {@link Reply#sample} reads the real samples). A request without a token minted for that
 *       API's scope gets 401 {@code InvalidAuthenticationToken}. An unregistered route gets 404.</li>
 *   <li>{@code POST /v1.0/$batch} (and beta): answers each item from the registered routes, 424 for an item whose
 *       {@code dependsOn} failed, more than 20 items refused with 400, and the answers shuffled (as Graph may).</li>
 * </ul>
 * It serves TLS with a self-signed certificate because MSAL accepts only https authorities; {@link #clients}
 * hands out clients that trust it. Every request is logged ({@link #requests()}, {@link #writes()}).
 *
 * <pre>{@code try (LocalMicrosoft ms = LocalMicrosoft.start()) {
 *     ms.script("GET", "/v1.0/users/jane@contoso.example", Reply.sample(200, "users-get.json"));
 *     GraphClient graph = ms.clients(ms.settingsWithToken()).build().graph();
 *     ...
 *     assertThat(ms.writes()).isEmpty();
 * }}</pre>
 */
public final class LocalMicrosoft implements AutoCloseable {
    /** The tenant of the Management API documentation's examples. */
    public static final String TENANT = "f28ab78a-d401-4060-8012-736e373933eb";
    public static final String CLIENT_ID = "535fb089-9ff3-47b6-9bfb-4f1264799865";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "aitm-local-microsoft-" + ProcessHandle.current().pid());
    private static SelfSignedCertificate serverCertificate;

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(RecordedRequest request);
    }

    private final HttpsServer server;
    private final ExecutorService pool;
    private final SSLContext trust;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final Map<String, String> tokenScopes = new ConcurrentHashMap<>();
    private final Set<String> anyScopeTokens = ConcurrentHashMap.newKeySet();
    private volatile long tokenLifetimeSeconds = 3599;
    private final Random shuffle = new Random(20250213);

    private LocalMicrosoft(HttpsServer server, ExecutorService pool, SSLContext trust) {
        this.server = server;
        this.pool = pool;
        this.trust = trust;
    }

    public static LocalMicrosoft start() {
        try {
            SelfSignedCertificate cert = serverCertificate();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("tls", cert.key(), new char[0], new java.security.cert.Certificate[]{cert.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(kmf.getKeyManagers(), null, null);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("local", cert.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext clientTls = SSLContext.getInstance("TLS");
            clientTls.init(null, tmf.getTrustManagers(), null);

            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            server.setExecutor(pool);
            LocalMicrosoft ms = new LocalMicrosoft(server, pool, clientTls);
            server.createContext("/", ms::serve);
            server.start();
            return ms;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the local Microsoft stand-in", e);
        }
    }

    private static synchronized SelfSignedCertificate serverCertificate() {
        if (serverCertificate == null) serverCertificate = SelfSignedCertificate.create(WORK, "local-microsoft-tls");
        return serverCertificate;
    }

    /** {@code https://127.0.0.1:<port>}: the login, Graph, Exchange and Management endpoint all at once. */
    public URI baseUri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** TLS trust for this server's certificate. */
    public SSLContext sslContext() {
        return trust;
    }

    /** Settings pointing every endpoint here, global cloud (so scopes are {@code https://graph.microsoft.com/.default} …). */
    public MicrosoftSettings settings(Credential credential) {
        URI u = baseUri();
        return new MicrosoftSettings(TENANT, Optional.of(CLIENT_ID), credential, Cloud.GLOBAL, new Endpoints(u, u, u, u), TENANT);
    }

    /**
     * Settings with a token in a file that this server accepts for every API: the quickest way to a client when the
     * test is not about authentication.
     */
    public MicrosoftSettings settingsWithToken() {
        try {
            Files.createDirectories(WORK);
            String token = "local-any-" + UUID.randomUUID();
            acceptToken(token);
            Path f = Files.createTempFile(WORK, "token", ".txt");
            Files.writeString(f, token);
            return settings(new Credential.AccessTokenFile(f));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client builder that trusts this server; add a sleeper, observer … and build. */
    public MicrosoftClients.Builder clients(MicrosoftSettings settings) {
        return MicrosoftClients.builder(settings).trust(trust);
    }

    public void registerSecret(String clientId, String secret) {
        secrets.put(clientId, secret);
    }

    public void registerCertificate(String clientId, X509Certificate certificate) {
        certificates.put(clientId, certificate);
    }

    /** Accepts a token that did not come from this server's token endpoint (a token file or command), for every API. */
    public void acceptToken(String token) {
        anyScopeTokens.add(token);
    }

    public void tokenLifetimeSeconds(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Answers {@code method path} (path without query; a trailing {@code *} matches any rest) with a handler. */
    public void on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
    }

    /** Answers {@code method path} with these replies in turn; the last one is repeated. */
    public void script(String method, String path, Reply... replies) {
        Deque<Reply> queue = new ArrayDeque<>(List.of(replies));
        on(method, path, r -> {
            synchronized (queue) {
                return queue.size() > 1 ? queue.poll() : queue.peek();
            }
        });
    }

    /** Every request received, token requests and batch items included, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** The requests that would change the tenant (see {@link RecordedRequest#isWrite()}). */
    public List<RecordedRequest> writes() {
        return log.stream().filter(RecordedRequest::isWrite).toList();
    }

    /** The requests to one path (without query), batch items included. */
    public List<RecordedRequest> requests(String method, String path) {
        return log.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public List<RecordedRequest> tokenRequests() {
        return log.stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    /** The number of items in each $batch envelope received. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    // ---------------------------------------------------------------- serving

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Reply reply;
            try {
                reply = answer(ex);
            } catch (IOException | RuntimeException e) {
                reply = Reply.json(500, JSON.createObjectNode().set("error", JSON.createObjectNode()
                        .put("code", "localStandInError").put("message", e.toString())).toString());
            }
            send(ex, reply);
        }
    }

    private Reply answer(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String authorization = headers.getOrDefault("authorization", "");
        if (headers.containsKey("authorization")) headers.put("authorization", "Bearer [redacted]");
        boolean tokenRequest = method.equals("POST") && path.endsWith("/oauth2/v2.0/token");
        log.add(new RecordedRequest(method, path, query, Map.copyOf(headers), tokenRequest ? redactForm(body) : body, false));
        if (tokenRequest) return token(path, body);
        Optional<Reply> refused = checkToken(path, authorization);
        if (refused.isPresent()) return refused.get();
        if (method.equals("POST") && path.endsWith("/$batch")) {
            return batch(path.substring(0, path.length() - "/$batch".length()), body);
        }
        return route(new RecordedRequest(method, path, query, Map.copyOf(headers), body, false));
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("request-id", UUID.randomUUID().toString());
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Reply route(RecordedRequest r) {
        Handler h = routes.get(r.method() + " " + r.path());
        if (h == null) {
            String best = null;
            for (String key : routes.keySet()) {
                if (key.endsWith("*") && (r.method() + " " + r.path()).startsWith(key.substring(0, key.length() - 1))
                        && (best == null || key.length() > best.length())) best = key;
            }
            if (best != null) h = routes.get(best);
        }
        if (h == null) {
            return Reply.json(404, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"the local stand-in has"
                    + " no route for " + r.method() + " " + r.path() + "\"}}");
        }
        return h.handle(r);
    }

    // ---------------------------------------------------------------- login

    private Reply token(String path, String body) {
        Map<String, String> form = parseForm(body);
        String tenant = path.substring(1, path.indexOf('/', 1));
        if (!tenant.equals(TENANT)) {
            return tokenError(400, "invalid_request", 90002, "AADSTS90002: Tenant '" + tenant + "' not found.");
        }
        String clientId = form.getOrDefault("client_id", "");
        String scope = form.getOrDefault("scope", "");
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return tokenError(400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
        }
        boolean known = secrets.containsKey(clientId) || certificates.containsKey(clientId);
        if (!known) {
            return tokenError(400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory.");
        }
        if (form.containsKey("client_secret")) {
            if (!form.get("client_secret").equals(secrets.get(clientId))) {
                return tokenError(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided.");
            }
        } else if (form.containsKey("client_assertion")) {
            String problem = checkAssertion(form.get("client_assertion"), clientId, baseUri() + path);
            if (problem != null) return tokenError(401, "invalid_client", 700027, "AADSTS700027: " + problem);
        } else {
            return tokenError(401, "invalid_client", 7000218, "AADSTS7000218: The request body must contain the"
                    + " following parameter: 'client_assertion' or 'client_secret'.");
        }
        // MSAL adds the OIDC scopes to every request, as Entra accepts; the resource scope is what counts
        String resourceScope = java.util.Arrays.stream(scope.trim().split("\\s+"))
                .filter(x -> !Set.of("openid", "profile", "offline_access").contains(x))
                .reduce((a, b) -> a + " " + b).orElse("");
        Optional<Api> api = apiOfScope(resourceScope);
        if (api.isEmpty()) {
            return tokenError(400, "invalid_scope", 70011, "AADSTS70011: The provided value for the input parameter"
                    + " 'scope' isn't valid. The scope " + scope + " isn't valid.");
        }
        String token = "local-" + api.get().name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        tokenScopes.put(token, resourceScope);
        return Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + tokenLifetimeSeconds
                + ",\"ext_expires_in\":" + tokenLifetimeSeconds + ",\"access_token\":\"" + token + "\"}");
    }

    private static Optional<Api> apiOfScope(String scope) {
        for (Api a : Api.values()) if (Cloud.GLOBAL.scope(a).equals(scope)) return Optional.of(a);
        return Optional.empty();
    }

    /** null when the assertion is good, else why not. */
    private String checkAssertion(String jwt, String clientId, String audience) {
        X509Certificate cert = certificates.get(clientId);
        if (cert == null) return "no certificate is registered for the app";
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) return "client_assertion is not a JWT";
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature sig;
            switch (header.path("alg").asText()) {
                case "RS256" -> sig = Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    sig = Signature.getInstance("RSASSA-PSS");
                    sig.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                default -> {
                    return "unsupported alg " + header.path("alg").asText();
                }
            }
            sig.initVerify(cert.getPublicKey());
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(Base64.getUrlDecoder().decode(parts[2]))) return "the assertion's signature does not match the registered certificate";
            if (!claims.path("aud").asText().equals(audience)) return "aud is " + claims.path("aud").asText() + ", expected " + audience;
            if (!claims.path("iss").asText().equals(clientId) || !claims.path("sub").asText().equals(clientId)) {
                return "iss and sub must be the client id";
            }
            if (claims.path("exp").asLong() * 1000 < System.currentTimeMillis()) return "the assertion has expired";
            return null;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return "unreadable client_assertion (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static Reply tokenError(int status, String error, int code, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description + "\r\nTrace ID: " + UUID.randomUUID() + "\r\nCorrelation ID: "
                + UUID.randomUUID() + "\r\nTimestamp: 2025-03-01 10:00:00Z");
        n.putArray("error_codes").add(code);
        n.put("timestamp", "2025-03-01 10:00:00Z");
        n.put("trace_id", UUID.randomUUID().toString());
        n.put("correlation_id", UUID.randomUUID().toString());
        return Reply.json(status, n.toString());
    }

    private Optional<Reply> checkToken(String path, String authorization) {
        Api api = path.startsWith("/adminapi/") ? Api.EXCHANGE : path.startsWith("/api/") ? Api.MANAGEMENT : Api.GRAPH;
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (anyScopeTokens.contains(token) || Cloud.GLOBAL.scope(api).equals(tokenScopes.get(token))) return Optional.empty();
        String why = token.isEmpty() ? "Access token is empty." : tokenScopes.containsKey(token)
                ? "Access token validation failure. Invalid audience." : "Invalid token.";
        return Optional.of(Reply.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"" + why
                + "\",\"innerError\":{\"date\":\"2025-03-01T10:00:00\",\"request-id\":\"" + UUID.randomUUID() + "\"}}}"));
    }

    // ---------------------------------------------------------------- $batch

    private Reply batch(String versionRoot, String body) throws IOException {
        JsonNode requests = JSON.readTree(body).path("requests");
        batchSizes.add(requests.size());
        if (requests.size() > 20) {
            return Reply.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Number of batch requests exceeds"
                    + " the maximum of 20.\"}}");
        }
        Map<String, Integer> statuses = new HashMap<>();
        List<ObjectNode> answers = new ArrayList<>();
        for (JsonNode item : requests) {
            String id = item.path("id").asText();
            ObjectNode answer = JSON.createObjectNode();
            answer.put("id", id);
            Optional<String> failed = Optional.empty();
            for (JsonNode d : item.path("dependsOn")) {
                Integer s = statuses.get(d.asText());
                if (s == null || s / 100 != 2) failed = Optional.of(d.asText());
            }
            Reply reply;
            if (failed.isPresent()) {
                reply = Reply.json(424, "{\"error\":{\"code\":\"FailedDependency\",\"message\":\"The request depends on"
                        + " request " + failed.get() + ", which failed.\"}}");
            } else {
                URI u = URI.create(versionRoot + (item.path("url").asText().startsWith("/") ? "" : "/") + item.path("url").asText());
                Map<String, String> headers = new LinkedHashMap<>();
                item.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
                String itemBody = item.has("body") ? item.get("body").toString() : "";
                RecordedRequest r = new RecordedRequest(item.path("method").asText(), u.getPath(),
                        Optional.ofNullable(u.getRawQuery()).orElse(""), Map.copyOf(headers), itemBody, true);
                log.add(r);
                reply = route(r);
            }
            statuses.put(id, reply.status());
            answer.put("status", reply.status());
            ObjectNode h = answer.putObject("headers");
            reply.headers().forEach(h::put);
            if (!reply.body().isEmpty()) answer.set("body", JSON.readTree(reply.body()));
            answers.add(answer);
        }
        synchronized (shuffle) {
            Collections.shuffle(answers, shuffle);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode responses = out.putArray("responses");
        answers.forEach(responses::add);
        return Reply.json(200, out.toString());
    }

    // ---------------------------------------------------------------- forms

    private static Map<String, String> parseForm(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String redactForm(String body) {
        StringBuilder b = new StringBuilder();
        for (String pair : body.split("&")) {
            if (b.length() > 0) b.append('&');
            b.append(pair.startsWith("client_secret=") || pair.startsWith("client_assertion=")
                    ? pair.substring(0, pair.indexOf('=') + 1) + "[redacted]" : pair);
        }
        return b.toString();
    }
}
