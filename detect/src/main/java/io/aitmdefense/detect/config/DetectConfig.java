package io.aitmdefense.detect.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.enrich.Tenants;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's configuration: what the user's YAML file sets, over defaults that live in the code beside what they
 * configure — the tenant keys and engine and incident settings here, each detection's thresholds in its detection
 * (read through {@link Thresholds}, which remembers what was asked, so {@link #effectiveText} can print every effective
 * value and an unknown key can be told from a known one). There is no second copy of a default.
 * <p>
 * Unknown keys are errors naming the file, line and the close key that was probably meant: a misspelt
 * {@code trustedCidr:} would otherwise silently leave the tenant without its trusted networks.
 * <p>
 * The tenant context is per tenant: the top-level {@code tenant:} answers for logs of any tenant (the single-tenant
 * file), and {@code tenants: [{id: <tenant id>, trustedCidrs: [...]}, ...]} gives listed tenants their own.
 */
public final class DetectConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One key of a section this class owns, with its default (as YAML) and what it means. */
    private record Key(String name, String defaultYaml, String doc) {
    }

    private static final List<Key> TENANT = List.of(
            new Key("trustedCidrs", "[]", "egress that is yours (CIDR): offices, VPN, Zscaler/SASE egress, VDI"),
            new Key("trustedAsns", "[]", "whole networks that are yours (15169 or AS15169); rarely right for shared SASE ASNs"),
            new Key("trustedLocationNames", "[]", "Conditional Access named locations marked trusted, as sign-in logs name them"),
            new Key("breakGlass", "[]", "emergency access accounts (UPN)"),
            new Key("vips", "[]", "users whose incidents rank one severity higher (UPN)"),
            new Key("domains", "[]", "your mail domains: forwarding anywhere else is external"),
            new Key("asnDatabase", "\"\"", "a MaxMind-format ASN .mmdb (GeoLite2-ASN, IPinfo) used before the bundled table"));
    private static final Set<String> TOP = Set.of("tenant", "tenants", "engine", "incidents", "detections");
    /** Sections of the same file other modules read and check themselves (Graph collection, response actions). */
    private static final Set<String> OTHERS = Set.of("microsoft", "respond", "harden");

    static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofHours(24);
    static final Duration DEFAULT_INCIDENT_WINDOW = Duration.ofHours(24);
    static final int DEFAULT_CAMPAIGN_MIN_USERS = 2;

    /**
     * The one line {@code aitm detect} prints when run without {@code --config}: the run goes on, but the user should
     * know that nothing is trusted and nobody is a break-glass account or VIP.
     */
    public static final String NO_TENANT_CONTEXT = "warning: no --config: running without tenant context (trusted networks,"
            + " break-glass accounts, VIPs), so your own VPN or SASE egress may be reported; see 'aitm detect --show-config'";

    private final Map<String, Object> tree;
    /** The file the settings came from ("" for settings given in code) and the line of every key in it. */
    private final String file;
    private final Map<String, Integer> lines;
    /** What the code asked for, by owner ("engine", "incidents", a detection id): key → effective value, default, doc. */
    private final Map<String, Map<String, Thresholds.Asked>> asked = new ConcurrentHashMap<>();

    private DetectConfig(Map<String, Object> tree, String file, Map<String, Integer> lines) throws IllegalArgumentException {
        this.tree = tree;
        this.file = file;
        this.lines = lines;
        checkOwnKeys();
    }

    /** Every setting at its default, and no tenant context. */
    public static DetectConfig defaults() {
        return new DetectConfig(Map.of(), "", Map.of());
    }

    /**
     * The settings of a user's YAML file over the defaults.
     *
     * @throws IOException when the file cannot be read, is not YAML, or has a key this build does not know (the message
     *                     names the file, line and the key probably meant)
     */
    public static DetectConfig load(Path userFile) throws IOException {
        Map<String, Object> user;
        Map<String, Integer> lines = new HashMap<>();
        try (InputStream in = Files.newInputStream(userFile)) {
            user = read(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(userFile + ":" + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        try (JsonParser p = YAML.getFactory().createParser(userFile.toFile())) {
            if (p.nextToken() != null) index(p, "", lines);
        }
        try {
            return new DetectConfig(user, userFile.toString(), lines);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Settings given in code (as a parsed YAML tree would hold them) over the defaults. */
    public static DetectConfig of(Map<String, Object> overrides) {
        return new DetectConfig(overrides, "", Map.of());
    }

    /** A detection's settings; reading one records it for {@link #effectiveText}. */
    public Thresholds detection(String id) {
        return new Thresholds(id, section("detections", id), this);
    }

    public boolean enabled(String id) {
        return detection(id).flag("enabled", true, "false turns the detection off");
    }

    public Duration allowedLateness() {
        return engine().duration("allowedLateness", DEFAULT_ALLOWED_LATENESS,
                "live streams: events this far behind the newest are late and dropped (files are replayed in time order: never late)");
    }

    public int shards() {
        int n = engine().integer("shards", 0, "0 = one per core");
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    private Thresholds engine() {
        return new Thresholds("engine", section("engine"), this);
    }

    public Thresholds incidents() {
        return new Thresholds("incidents", section("incidents"), this);
    }

    /** Alerts of one user within this sliding window form one incident. */
    public Duration incidentWindow() {
        return incidents().duration("window", DEFAULT_INCIDENT_WINDOW, "alerts of one user within this sliding window form one incident");
    }

    /**
     * Alerts of one user that share a session id or an attacker address are one attack for this long, however far
     * apart: a slow attack stays one incident beyond {@link #incidentWindow}.
     */
    public Duration sameAttackSpan() {
        return incidents().duration("sameAttackSpan", Duration.ofDays(14),
                "alerts of one user sharing a session id or attacker address within this time are one incident");
    }

    /** Infrastructure shared by at least this many users is a campaign. */
    public int campaignMinUsers() {
        return incidents().integer("campaignMinUsers", DEFAULT_CAMPAIGN_MIN_USERS,
                "infrastructure shared by at least this many users is a campaign");
    }

    /** A user-supplied MaxMind-format ASN database (GeoLite2-ASN, IPinfo), if configured. */
    public Optional<Path> asnDatabase() {
        Object v = section("tenant").get("asnDatabase");
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(Path.of(v.toString().trim()));
    }

    /** Whether the file gives any tenant context at all (a tenant section or a tenants list). */
    public boolean hasTenantContext() {
        return tree.containsKey("tenant") || tree.containsKey("tenants");
    }

    /** The top-level tenant context: the one of logs whose tenant is not listed under {@code tenants}. */
    public TenantContext tenant() {
        return context("tenant", section("tenant"));
    }

    /** Every tenant's context: the listed ones by id, the top level for the rest. */
    public Tenants tenants() {
        Map<String, TenantContext> byId = new LinkedHashMap<>();
        List<Map<String, Object>> listed = tenantList();
        for (int i = 0; i < listed.size(); i++) {
            Map<String, Object> t = listed.get(i);
            String where = "tenants[" + i + "]";
            String id = String.valueOf(t.getOrDefault("id", "")).trim();
            if (id.isEmpty()) throw new IllegalArgumentException(at(where) + "a tenant in the list needs its id (the Entra tenant id)");
            if (byId.put(id.toLowerCase(Locale.ROOT), context(where, t)) != null) {
                throw new IllegalArgumentException(at(where + ".id") + "tenant " + id + " is listed twice");
            }
        }
        return new Tenants(tenant(), byId);
    }

    private TenantContext context(String where, Map<String, Object> t) {
        Set<Integer> asns = new LinkedHashSet<>();
        for (String a : list(t, "trustedAsns")) {
            String digits = a.trim().replaceFirst("(?i)^AS", "");
            if (!digits.matches("[0-9]{1,10}") || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(at(where + ".trustedAsns") + where + ".trustedAsns: '" + a
                        + "' is not an AS number (expected 15169 or AS15169)");
            }
            asns.add(Integer.parseInt(digits));
        }
        return new TenantContext(list(t, "trustedCidrs"), asns, lower(list(t, "trustedLocationNames")),
                lower(list(t, "breakGlass")), lower(list(t, "vips")), lower(list(t, "domains")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> tenantList() {
        Object v = tree.get("tenants");
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new IllegalArgumentException(at("tenants") + "tenants: expected a list of {id: ..., trustedCidrs: ...}");
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(at("tenants[" + i + "]") + "tenants[" + i + "]: expected {id: ..., trustedCidrs: ...}");
            }
            out.add((Map<String, Object>) m);
        }
        return out;
    }

    // --- unknown keys

    private void checkOwnKeys() {
        Set<String> top = new LinkedHashSet<>(TOP);
        top.addAll(OTHERS);
        for (String k : tree.keySet()) unknown("", k, top);
        Set<String> tenantKeys = new LinkedHashSet<>();
        for (Key k : TENANT) tenantKeys.add(k.name());
        for (String k : section("tenant").keySet()) unknown("tenant", k, tenantKeys);
        Set<String> listedKeys = new LinkedHashSet<>(tenantKeys);
        listedKeys.remove("asnDatabase"); // one database answers for every tenant
        listedKeys.add("id");
        listedKeys.add("name");
        List<Map<String, Object>> listed = tenantList();
        for (int i = 0; i < listed.size(); i++) for (String k : listed.get(i).keySet()) unknown("tenants[" + i + "]", k, listedKeys);
        for (String k : section("engine").keySet()) unknown("engine", k, Set.of("allowedLateness", "shards"));
        for (String k : section("incidents").keySet()) unknown("incidents", k, Set.of("window", "sameAttackSpan", "campaignMinUsers"));
        tenants(); // malformed entries fail now, not half-way through a run
    }

    /**
     * Refuses detection ids and keys no detection asked for. {@code ids} are the catalogue's detections, each of which
     * has read its settings through {@link #detection} by now.
     *
     * @throws IllegalArgumentException naming the file, line and the close key that was probably meant
     */
    public void checkDetections(Set<String> ids) {
        for (String id : section("detections").keySet()) {
            unknown("detections", id, ids);
            Set<String> keys = asked.getOrDefault(id, Map.of()).keySet();
            for (String k : section("detections", id).keySet()) unknown("detections." + id, k, keys);
        }
    }

    private void unknown(String section, String key, Set<String> known) {
        if (known.contains(key)) return;
        String path = section.isEmpty() ? key : section + "." + key;
        String hint = closest(key, known).map(k -> "; did you mean '" + k + "'?").orElse("; known here: " + String.join(", ", known));
        throw new IllegalArgumentException(at(path) + "unknown key '" + key + "'" + (section.isEmpty() ? "" : " under " + section) + hint);
    }

    /** "file:line: " for a key of the user's file, "" for settings given in code. */
    private String at(String path) {
        if (file.isEmpty()) return "";
        Integer line = lines.get(path);
        if (line == null) {
            // a list item has no key of its own: its first key's line
            for (Map.Entry<String, Integer> e : lines.entrySet()) {
                if (e.getKey().startsWith(path + ".") && (line == null || e.getValue() < line)) line = e.getValue();
            }
        }
        return file + (line == null ? "" : ":" + line) + ": ";
    }

    static Optional<String> closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Records the line of every key of a YAML document, by dotted path ({@code tenants[0].id}). */
    private static void index(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
                lines.putIfAbsent(key, p.currentTokenLocation().getLineNr());
                p.nextToken();
                index(p, key, lines);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) index(p, path + "[" + i++ + "]", lines);
        }
    }

    // --- what the run uses

    void asked(String owner, String key, Thresholds.Asked value) {
        asked.computeIfAbsent(owner, o -> Collections.synchronizedMap(new LinkedHashMap<>())).putIfAbsent(key, value);
    }

    /**
     * Every effective value as a YAML file a user can copy from: the tenant context as given, the engine and incident
     * settings, and the thresholds of each of {@code detections} (in that order; each must have read its settings
     * through {@link #detection} by now), with the default beside each value that differs from it.
     */
    public String effectiveText(List<String> detections) {
        allowedLateness();
        shards();
        incidentWindow();
        sameAttackSpan();
        campaignMinUsers();
        StringBuilder b = new StringBuilder();
        b.append("# The effective configuration").append(file.isEmpty() ? " (defaults)" : " (defaults overlaid with " + file + ")")
                .append(".\n# A --config file has this shape and only needs the keys it changes. Durations use ISO-8601 (PT10M)\n")
                .append("# or the short forms 90s, 10m, 6h, 7d.\n\n");
        b.append("tenant:                     # what is normal for your tenant; the detections trust and rank by it\n");
        Map<String, Object> t = section("tenant");
        for (Key k : TENANT) line(b, "  ", k.name(), t.containsKey(k.name()) ? yaml(t.get(k.name())) : k.defaultYaml(), k.defaultYaml(), k.doc());
        b.append("tenants: ").append(tree.containsKey("tenants") ? "\n" + indent(yaml(tree.get("tenants"))) : "[]")
                .append("                # per tenant: [{id: <Entra tenant id>, trustedCidrs: [...], breakGlass: [...]}, ...]\n");
        section(b, "engine");
        section(b, "incidents");
        b.append("\ndetections:\n");
        for (String id : detections) {
            b.append("  ").append(id).append(":\n");
            Map<String, Thresholds.Asked> own = asked.getOrDefault(id, Map.of());
            synchronized (own) {
                List<Map.Entry<String, Thresholds.Asked>> entries = new ArrayList<>(own.entrySet());
                entries.sort((x, y) -> Boolean.compare(!x.getKey().equals("enabled"), !y.getKey().equals("enabled")));
                for (Map.Entry<String, Thresholds.Asked> e : entries) {
                    line(b, "    ", e.getKey(), e.getValue().value(), e.getValue().defaultValue(), e.getValue().doc());
                }
            }
        }
        return b.toString();
    }

    private void section(StringBuilder b, String owner) {
        b.append('\n').append(owner).append(":\n");
        Map<String, Thresholds.Asked> own = asked.getOrDefault(owner, Map.of());
        synchronized (own) {
            for (Map.Entry<String, Thresholds.Asked> e : own.entrySet()) {
                line(b, "  ", e.getKey(), e.getValue().value(), e.getValue().defaultValue(), e.getValue().doc());
            }
        }
    }

    private static void line(StringBuilder b, String indent, String key, String value, String defaultValue, String doc) {
        String text = indent + key + ": " + value;
        StringBuilder comment = new StringBuilder();
        if (!value.equals(defaultValue)) comment.append("(default ").append(defaultValue).append(") ");
        comment.append(doc);
        b.append(text);
        if (!comment.isEmpty()) b.append(" ".repeat(Math.max(1, 28 - text.length()))).append("# ").append(comment.toString().trim());
        b.append('\n');
    }

    private static String indent(String yaml) {
        StringBuilder b = new StringBuilder();
        for (String l : yaml.split("\n")) if (!l.isBlank()) b.append("  ").append(l).append('\n');
        return b.toString().stripTrailing();
    }

    /** A value as flow-style YAML: lists in brackets, strings quoted only when they must be. */
    static String yaml(Object v) {
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) items.add(yaml(o));
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> items = new ArrayList<>();
            m.forEach((k, x) -> items.add(k + ": " + yaml(x)));
            return "{" + String.join(", ", items) + "}";
        }
        String s = String.valueOf(v);
        boolean plain = s.matches("[A-Za-z0-9_./@+-]([A-Za-z0-9_./@+ -]*[A-Za-z0-9_./@+-])?")
                && (v instanceof Boolean || !s.matches("(?i)true|false|null|yes|no|on|off"));
        return plain ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String... path) {
        Map<String, Object> m = tree;
        for (String p : path) {
            Object v = m.get(p);
            if (!(v instanceof Map)) return Map.of();
            m = (Map<String, Object>) v;
        }
        return m;
    }

    private static List<String> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) return List.of();
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(v.toString());
    }

    private static Set<String> lower(List<String> values) {
        Set<String> s = new LinkedHashSet<>();
        for (String v : values) s.add(v.toLowerCase(Locale.ROOT));
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(InputStream in) throws IOException {
        Object m = YAML.readValue(in, Object.class);
        if (m == null) return new LinkedHashMap<>();
        if (!(m instanceof Map)) throw new IOException("expected a YAML mapping (tenant:, detections:, ...) at the top");
        return (Map<String, Object>) m;
    }
}
