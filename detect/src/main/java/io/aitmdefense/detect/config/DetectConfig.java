package io.aitmdefense.detect.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aitmdefense.detect.enrich.TenantContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merged configuration: the bundled {@code defaults.yaml} overlaid with the user's file. Unknown
 * detection ids in the user's file are an error (a typo would silently keep the default).
 */
public final class DetectConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Object> tree;

    private DetectConfig(Map<String, Object> tree) {
        this.tree = tree;
    }

    public static DetectConfig defaults() {
        try (InputStream in = DetectConfig.class.getResourceAsStream("defaults.yaml")) {
            return new DetectConfig(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled defaults file as written, comments included: the reference for a user's overrides. */
    public static String defaultsText() {
        try (InputStream in = DetectConfig.class.getResourceAsStream("defaults.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defaults overlaid with a user's YAML file. */
    public static DetectConfig load(Path userFile) throws IOException {
        DetectConfig base = defaults();
        Map<String, Object> user;
        try (InputStream in = Files.newInputStream(userFile)) {
            user = read(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(userFile + ":" + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        Object userDetections = user.get("detections");
        if (userDetections instanceof Map<?, ?> m) {
            Set<?> known = base.section("detections").keySet();
            for (Object id : m.keySet()) {
                if (!known.contains(id)) {
                    throw new IOException(userFile + ": unknown detection '" + id + "' under detections; known: " + known);
                }
            }
        }
        return new DetectConfig(merge(base.tree, user));
    }

    public static DetectConfig of(Map<String, Object> overrides) {
        return new DetectConfig(merge(defaults().tree, overrides));
    }

    public Thresholds detection(String id) {
        return new Thresholds(id, section("detections", id));
    }

    public boolean enabled(String id) {
        return detection(id).flag("enabled", true);
    }

    public Duration allowedLateness() {
        return new Thresholds("engine", section("engine")).duration("allowedLateness", Duration.ofHours(24));
    }

    public int shards() {
        int n = new Thresholds("engine", section("engine")).integer("shards", 0);
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    public Thresholds incidents() {
        return new Thresholds("incidents", section("incidents"));
    }

    /** A user-supplied MaxMind-format ASN database (GeoLite2-ASN, IPinfo), if configured. */
    public Optional<Path> asnDatabase() {
        Object v = section("tenant").get("asnDatabase");
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(Path.of(v.toString().trim()));
    }

    public TenantContext tenant() {
        Map<String, Object> t = section("tenant");
        Set<Integer> asns = new LinkedHashSet<>();
        for (String a : list(t, "trustedAsns")) {
            String digits = a.trim().replaceFirst("(?i)^AS", "");
            if (!digits.matches("[0-9]{1,10}") || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tenant.trustedAsns: '" + a + "' is not an AS number (expected 15169 or AS15169)");
            }
            asns.add(Integer.parseInt(digits));
        }
        return new TenantContext(list(t, "trustedCidrs"), asns, lower(list(t, "trustedLocationNames")),
                lower(list(t, "breakGlass")), lower(list(t, "vips")), lower(list(t, "domains")));
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
        Map<String, Object> m = YAML.readValue(in, Map.class);
        return m == null ? new LinkedHashMap<>() : m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            Object b = out.get(k);
            if (b instanceof Map && v instanceof Map) {
                out.put(k, merge((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
