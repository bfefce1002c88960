package io.aitmdefense.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.server.api.PostureSource;
import io.aitmdefense.server.notify.NotifyTarget;
import io.aitmdefense.server.web.OidcSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code serve.yaml}: where the service keeps its data, where it listens, and its tenants — each with its tenant file
 * (detection context, {@code microsoft:} connection, {@code respond:} policy) and its live sources. Credentials are
 * never written here: a source names a file holding them (a tenant file's {@code microsoft:} section, an Event Hubs
 * connection-string file). Paths are relative to the serve file's folder. One tenant:
 * <pre>
 * data: aitm-data                  # the embedded database and the admin token
 * database: jdbc:postgresql://db/aitm?user=aitm&amp;password=…   # optional; default the embedded H2 in data/
 * listen: 127.0.0.1:8080
 * config: tenant.yaml               # detection context, microsoft: connection, respond: policy
 * engine: {allowedLateness: 3h, snapshotEvery: 30s, pollEvery: 2s, idleAfter: 10m}
 * sources:
 *   - {type: folder, path: inbox}
 *   - {type: graph, logs: [signIns, nonInteractiveSignIns, directoryAudits, riskDetections]}   # microsoft: the config's
 *   - {type: management, contentTypes: [Audit.Exchange, Audit.AzureActiveDirectory]}
 *   - {type: kafka, topic: insights-logs-signinlogs, bootstrapServers: ns.servicebus.windows.net:9093,
 *      connectionStringFile: eventhubs.txt}
 * canary: 90b61727-a375-48ac-b538-7ef348a59291   # optional: the sign-in page canary of this Entra tenant (docs/canary.md)
 * trustForwardedFor: false          # true only behind a reverse proxy that sets X-Forwarded-For
 * url: https://aitm.contoso.example  # the console as people reach it, for links in notifications (default http://listen)
 * notify:                             # webhook URLs are secrets: from a file or an environment variable
 *   - {type: teams, name: soc, urlFile: teams-webhook.txt}
 *   - {type: slack, urlEnv: AITM_SLACK_WEBHOOK}
 * posture: {exports: [ca-export], breakGlass: [object ids]}   # for /api/v1/posture
 * oidc: {tenant: contoso.onmicrosoft.com, clientId: …, certificateFile: aitm-console.pfx,  # optional: sign-in with
 *        redirectUri: https://aitm.contoso.example/login/oidc/callback,                      # Entra ID ({@link OidcSettings})
 *        roles: {admin: [Aitm.Admin], responder: [Aitm.Responder], viewer: [Aitm.Viewer]}}
 * </pre>
 * Several tenants (an MSSP): {@code tenants:} instead of {@code config:} and {@code sources:}, each entry with its
 * {@code name}, {@code config}, {@code sources} and optionally {@code canary}. Each tenant gets an engine and incident tracker of its own: its
 * users, state and incidents never meet another tenant's.
 */
public record ServeSettings(Path data, Optional<String> database, String host, int port, Duration allowedLateness,
                            Duration snapshotEvery, Duration pollEvery, Duration idleAfter, List<TenantSpec> tenants,
                            boolean trustForwardedFor, List<NotifyTarget> notifyTargets, String consoleUrl,
                            Optional<PostureSource> posture, Optional<OidcSettings> oidc) {

    /** Settings without Entra sign-in. */
    public ServeSettings(Path data, Optional<String> database, String host, int port, Duration allowedLateness,
                         Duration snapshotEvery, Duration pollEvery, Duration idleAfter, List<TenantSpec> tenants,
                         boolean trustForwardedFor, List<NotifyTarget> notifyTargets, String consoleUrl,
                         Optional<PostureSource> posture) {
        this(data, database, host, port, allowedLateness, snapshotEvery, pollEvery, idleAfter, tenants, trustForwardedFor,
                notifyTargets, consoleUrl, posture, Optional.empty());
    }

    /** Settings without notifications, posture or Entra sign-in, taking a visitor's address from the connection. */
    public ServeSettings(Path data, Optional<String> database, String host, int port, Duration allowedLateness,
                         Duration snapshotEvery, Duration pollEvery, Duration idleAfter, List<TenantSpec> tenants) {
        this(data, database, host, port, allowedLateness, snapshotEvery, pollEvery, idleAfter, tenants, false, List.of(),
                "http://" + host + ":" + port, Optional.empty(), Optional.empty());
    }

    /** The same settings behind a reverse proxy that sets X-Forwarded-For (or not). */
    public ServeSettings withTrustForwardedFor(boolean trust) {
        return new ServeSettings(data, database, host, port, allowedLateness, snapshotEvery, pollEvery, idleAfter, tenants,
                trust, notifyTargets, consoleUrl, posture, oidc);
    }

    /**
     * One watched tenant.
     *
     * @param name names it in snapshots and messages; "" for the one tenant of a serve file without {@code tenants:}
     * @param config its tenant file
     * @param canary the Entra tenant id whose sign-in page canary this tenant's pipeline correlates, if any
     */
    public record TenantSpec(String name, Optional<Path> config, List<SourceSpec> sources, Optional<String> canary) {
        public TenantSpec {
            sources = List.copyOf(sources);
        }

        public TenantSpec(String name, Optional<Path> config, List<SourceSpec> sources) {
            this(name, config, sources, Optional.empty());
        }
    }

    /** One configured source: its type and its keys (paths already resolved). */
    public record SourceSpec(String type, Map<String, JsonNode> keys, String where) {
        public String text(String key) {
            JsonNode n = keys.get(key);
            return n == null ? "" : n.asText();
        }

        public List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            JsonNode n = keys.get(key);
            if (n != null) n.forEach(v -> out.add(v.asText()));
            return out;
        }
    }

    private static final Set<String> TOP = Set.of("data", "database", "listen", "config", "engine", "sources", "tenants",
            "canary", "trustForwardedFor", "url", "notify", "posture", "oidc");
    private static final Set<String> TENANT = Set.of("name", "config", "sources", "canary");
    private static final Set<String> ENGINE = Set.of("allowedLateness", "snapshotEvery", "pollEvery", "idleAfter");
    private static final Map<String, Set<String>> SOURCE_KEYS = Map.of(
            "folder", Set.of("type", "path"),
            "graph", Set.of("type", "microsoft", "logs"),
            "management", Set.of("type", "microsoft", "contentTypes"),
            "kafka", Set.of("type", "topic", "bootstrapServers", "connectionStringFile", "properties"));

    public ServeSettings {
        tenants = List.copyOf(tenants);
        notifyTargets = List.copyOf(notifyTargets);
    }

    /**
     * The settings of {@code aitm serve --demo}: the bundled example tenant streamed through a watched folder. Its
     * exports hold a day each, one log after another, so the allowed lateness spans two days.
     */
    public static ServeSettings demo(Path data, int port, Path inbox, Path config) {
        return new ServeSettings(data, Optional.empty(), "127.0.0.1", port, Duration.ofHours(48),
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(5),
                List.of(new TenantSpec("", Optional.of(config), List.of(folder(inbox, "demo")))));
    }

    /** A watched-folder source. */
    public static SourceSpec folder(Path inbox, String where) {
        return new SourceSpec("folder", Map.of("path", new ObjectMapper().getNodeFactory().textNode(inbox.toString())), where);
    }

    /**
     * Reads a serve file.
     *
     * @throws IllegalArgumentException naming the file and key of the first problem
     */
    public static ServeSettings load(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        String f = file.toString();
        if (root == null || !root.isObject()) throw new IllegalArgumentException(f + ": not a serve file (expected keys " + TOP + ")");
        unknown(root, TOP, f, "");
        Path base = file.toAbsolutePath().getParent();
        Path data = base.resolve(required(root, "data", f));
        Optional<String> database = root.has("database") ? Optional.of(root.get("database").asText()) : Optional.empty();
        String listen = root.path("listen").asText("127.0.0.1:8080");
        int colon = listen.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException(f + ": listen: expected host:port, got '" + listen + "'");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f + ": listen: the port is not a number in '" + listen + "'");
        }
        JsonNode engine = root.path("engine");
        unknown(engine, ENGINE, f, "engine.");
        List<TenantSpec> tenants = new ArrayList<>();
        if (root.has("tenants")) {
            for (String k : List.of("config", "sources", "canary")) {
                if (root.has(k)) throw new IllegalArgumentException(f + ": " + k + ": with tenants:, each tenant names its own " + k);
            }
            if (!root.get("tenants").isArray() || root.get("tenants").isEmpty()) {
                throw new IllegalArgumentException(f + ": tenants: a list of tenants, each with name, config and sources");
            }
            Set<String> names = new java.util.HashSet<>();
            int i = 0;
            for (JsonNode t : root.get("tenants")) {
                String where = f + ": tenants[" + i++ + "]";
                unknown(t, TENANT, where, "");
                String name = t.path("name").asText("");
                if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                    throw new IllegalArgumentException(where + ".name: required, letters, digits, '.', '-' and '_' (got '" + name + "')");
                }
                if (!names.add(name)) throw new IllegalArgumentException(where + ".name: tenant '" + name + "' is named twice");
                if (!t.hasNonNull("config")) throw new IllegalArgumentException(where + ".config: required (the tenant file)");
                tenants.add(tenant(name, t, base, where + "."));
            }
        } else {
            tenants.add(tenant("", root, base, f + ": "));
        }
        return new ServeSettings(data, database, listen.substring(0, colon), port,
                duration(engine, "allowedLateness", "3h", f), duration(engine, "snapshotEvery", "30s", f),
                duration(engine, "pollEvery", "2s", f), duration(engine, "idleAfter", "10m", f), tenants,
                root.path("trustForwardedFor").asBoolean(false), NotifyTarget.parse(root.path("notify"), base, f),
                root.path("url").asText("http://" + listen), PostureSource.parse(root.get("posture"), base, f),
                OidcSettings.parse(root.get("oidc"), base, f));
    }

    /** A tenant's config and sources; a Graph or Management source without {@code microsoft:} uses the tenant file. */
    private static TenantSpec tenant(String name, JsonNode node, Path base, String where) {
        Optional<Path> config = node.has("config") ? Optional.of(base.resolve(node.get("config").asText())) : Optional.empty();
        List<SourceSpec> sources = new ArrayList<>();
        int i = 0;
        for (JsonNode s : node.path("sources")) {
            String at = where + "sources[" + i++ + "]";
            String type = s.path("type").asText("");
            Set<String> allowed = SOURCE_KEYS.get(type);
            if (allowed == null) throw new IllegalArgumentException(at + ": type must be one of " + new TreeMap<>(SOURCE_KEYS).keySet());
            unknown(s, allowed, at, "");
            Map<String, JsonNode> keys = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (Set.of("path", "microsoft", "connectionStringFile").contains(e.getKey())) {
                    v = new ObjectMapper().getNodeFactory().textNode(base.resolve(v.asText()).toString());
                }
                keys.put(e.getKey(), v);
            }
            if (allowed.contains("microsoft") && !keys.containsKey("microsoft")) {
                if (config.isEmpty()) throw new IllegalArgumentException(at + ": microsoft: required (a tenant file with a microsoft: section) when there is no config");
                keys.put("microsoft", new ObjectMapper().getNodeFactory().textNode(config.get().toString()));
            }
            sources.add(new SourceSpec(type, keys, at));
        }
        if (sources.isEmpty()) throw new IllegalArgumentException(where + "sources: name at least one source (a folder, graph, management or kafka)");
        Optional<String> canary = Optional.empty();
        if (node.has("canary")) {
            String id = node.get("canary").asText("").trim().toLowerCase(java.util.Locale.ROOT);
            if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                throw new IllegalArgumentException(where + "canary: '" + node.get("canary").asText() + "' is not an Entra tenant id (a GUID)");
            }
            canary = Optional.of(id);
        }
        return new TenantSpec(name, config, sources, canary);
    }

    private static String required(JsonNode root, String key, String f) {
        if (!root.hasNonNull(key)) throw new IllegalArgumentException(f + ": " + key + ": required");
        return root.get(key).asText();
    }

    private static void unknown(JsonNode node, Set<String> allowed, String f, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw new IllegalArgumentException(f + ": unknown key " + prefix + k + " (known: "
                    + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    /** {@code 30s}, {@code 10m}, {@code 3h}, {@code 1d}, or ISO-8601 {@code PT3H}, as in the tenant file. */
    static Duration duration(JsonNode node, String key, String fallback, String f) {
        return Thresholds.parseDuration(f + ": engine." + key, node.path(key).asText(fallback));
    }
}
