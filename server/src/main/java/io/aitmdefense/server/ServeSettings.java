package io.aitmdefense.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.server.api.PostureSource;
import io.aitmdefense.server.notify.NotifyTarget;

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
 * {@code serve.yaml}: where the service keeps its data, where it listens, the tenant file with the detection context,
 * and its live sources. Credentials are never written here: a source names a file holding them (a tenant file's
 * {@code microsoft:} section, an Event Hubs connection-string file). Paths are relative to the serve file's folder.
 * <pre>
 * data: aitm-data                  # the embedded database and the admin token
 * database: jdbc:postgresql://db/aitm?user=aitm&amp;password=…   # optional; default the embedded H2 in data/
 * listen: 127.0.0.1:8080
 * config: tenant.yaml               # detection context: trusted networks, break-glass, VIPs (one or several tenants)
 * engine: {allowedLateness: 3h, snapshotEvery: 30s, pollEvery: 2s, idleAfter: 10m}
 * sources:
 *   - {type: folder, path: inbox}
 *   - {type: graph, microsoft: contoso.yaml, logs: [signIns, nonInteractiveSignIns, directoryAudits, riskDetections]}
 *   - {type: management, microsoft: contoso.yaml, contentTypes: [Audit.Exchange, Audit.AzureActiveDirectory]}
 *   - {type: kafka, topic: insights-logs-signinlogs, bootstrapServers: ns.servicebus.windows.net:9093,
 *      connectionStringFile: eventhubs.txt}
 * url: https://aitm.contoso.example  # the console as people reach it, for links in notifications (default http://listen)
 * notify:                             # webhook URLs are secrets: from a file or an environment variable
 *   - {type: teams, name: soc, urlFile: teams-webhook.txt}
 *   - {type: slack, urlEnv: AITM_SLACK_WEBHOOK}
 * posture: {exports: [ca-export], breakGlass: [object ids]}   # for /api/v1/posture
 * </pre>
 */
public record ServeSettings(Path data, Optional<String> database, String host, int port, Optional<Path> config,
                            Duration allowedLateness, Duration snapshotEvery, Duration pollEvery, Duration idleAfter,
                            List<SourceSpec> sources, List<NotifyTarget> notifyTargets, String consoleUrl, Optional<PostureSource> posture) {

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

    private static final Set<String> TOP = Set.of("data", "database", "listen", "config", "engine", "sources", "url",
            "notify", "posture");
    private static final Set<String> ENGINE = Set.of("allowedLateness", "snapshotEvery", "pollEvery", "idleAfter");
    private static final Map<String, Set<String>> SOURCE_KEYS = Map.of(
            "folder", Set.of("type", "path"),
            "graph", Set.of("type", "microsoft", "logs"),
            "management", Set.of("type", "microsoft", "contentTypes"),
            "kafka", Set.of("type", "topic", "bootstrapServers", "connectionStringFile", "properties"));

    /**
     * The settings of {@code aitm serve --demo}: the bundled example tenant streamed through a watched folder. Its
     * exports hold a day each, one log after another, so the allowed lateness spans two days.
     */
    public static ServeSettings demo(Path data, int port, Path inbox, Path config) {
        return new ServeSettings(data, Optional.empty(), "127.0.0.1", port, Optional.of(config), Duration.ofHours(48),
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(5),
                List.of(new SourceSpec("folder", Map.of("path", new ObjectMapper().getNodeFactory().textNode(inbox.toString())),
                        "demo")), List.of(), "http://127.0.0.1:" + port, Optional.empty());
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
        Optional<Path> config = root.has("config") ? Optional.of(base.resolve(root.get("config").asText())) : Optional.empty();
        JsonNode engine = root.path("engine");
        unknown(engine, ENGINE, f, "engine.");
        List<SourceSpec> sources = new ArrayList<>();
        int i = 0;
        for (JsonNode s : root.path("sources")) {
            String where = f + ": sources[" + i++ + "]";
            String type = s.path("type").asText("");
            Set<String> allowed = SOURCE_KEYS.get(type);
            if (allowed == null) throw new IllegalArgumentException(where + ": type must be one of " + new TreeMap<>(SOURCE_KEYS).keySet());
            unknown(s, allowed, where, "");
            Map<String, JsonNode> keys = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (Set.of("path", "microsoft", "connectionStringFile").contains(e.getKey())) {
                    v = new ObjectMapper().getNodeFactory().textNode(base.resolve(v.asText()).toString());
                }
                keys.put(e.getKey(), v);
            }
            sources.add(new SourceSpec(type, keys, where));
        }
        if (sources.isEmpty()) throw new IllegalArgumentException(f + ": sources: name at least one source (a folder, graph, management or kafka)");
        return new ServeSettings(data, database, listen.substring(0, colon), port, config,
                duration(engine, "allowedLateness", "3h", f), duration(engine, "snapshotEvery", "30s", f),
                duration(engine, "pollEvery", "2s", f), duration(engine, "idleAfter", "10m", f), sources,
                NotifyTarget.parse(root.path("notify"), base, f), root.path("url").asText("http://" + listen),
                PostureSource.parse(root.get("posture"), base, f));
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
