package io.aitmdefense.flink.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.BundledAsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.MaxMindAsnDatabase;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.enrich.Tenants;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant file the job was submitted with ({@code aitm detect --config}'s file: {@code tenant:}, {@code tenants:},
 * {@code engine:}, {@code incidents:}, {@code detections:}), shipped inside the job as its text so that every task
 * manager reads the same settings without sharing a disk. Detections and thresholds come from it; the tenants' contexts
 * can be changed later through tenant updates ({@link #updates}) without restarting the job.
 */
public record TenantFile(String name, String text) implements Serializable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings at their defaults and no tenant context. */
    public static TenantFile none() {
        return new TenantFile("(no tenant file)", "{}");
    }

    /**
     * Reads and checks the file now, on the machine that submits the job: a mistake names the file, line and key
     * before anything runs.
     */
    public static TenantFile read(Path file) throws IOException {
        DetectConfig config = DetectConfig.load(file); // refuses unknown keys and malformed tenants with file:line
        try {
            Catalogue.enabled(config); // and unknown detections or thresholds
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new TenantFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public DetectConfig config() {
        try {
            Object tree = YAML.readValue(text, Object.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = tree instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            return DetectConfig.of(map);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The IP→ASN database the file names ({@code tenant.asnDatabase}, a path on every task manager), else the bundled one. */
    static AsnDatabase database(DetectConfig config) {
        AsnDatabase bundled = BundledAsnDatabase.instance();
        if (config.asnDatabase().isEmpty()) return bundled;
        try {
            return MaxMindAsnDatabase.open(config.asnDatabase().get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The enrichment of the file's tenants with {@code updates} (tenant id → its entry as JSON, as {@link #updates}
     * gives them) over the listed ones: an update replaces a tenant's whole entry or adds the tenant.
     */
    static Enrichment enrichment(DetectConfig config, AsnDatabase database, Iterable<Map.Entry<String, String>> updates) {
        Tenants base = config.tenants();
        Map<String, TenantContext> byId = new LinkedHashMap<>(base.byId());
        for (Map.Entry<String, String> u : updates) {
            byId.putAll(contexts(List.of(parse(u.getValue(), "tenant update " + u.getKey()))));
        }
        return new CuratedEnrichment(new Tenants(base.fallback(), byId), database);
    }

    /**
     * The tenant entries of one update message: a whole tenant file (its {@code tenants:} list) or one entry
     * ({@code {id: ..., trustedCidrs: [...]}}), YAML or JSON. Each comes back as its id (lower-cased) and its entry as
     * JSON, checked as the tenant file's own entries are.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static Map<String, String> updates(String message) {
        Map<String, Object> tree = parse(message, "tenant update");
        List<Map<String, Object>> entries = new ArrayList<>();
        if (tree.get("tenants") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?>)) throw new IllegalArgumentException("tenant update: tenants: expected {id: ..., trustedCidrs: ...}");
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) o;
                entries.add(entry);
            }
        } else if (tree.containsKey("id")) {
            entries.add(tree);
        } else {
            throw new IllegalArgumentException("tenant update: expected a tenant entry {id: ..., trustedCidrs: ...} or a file with tenants:");
        }
        // every entry checked as DetectConfig checks the file's, and its networks parsed, before any subtask takes it
        new CuratedEnrichment(new Tenants(TenantContext.EMPTY, contexts(entries)), BundledAsnDatabase.instance());
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> e : entries) {
            try {
                out.put(String.valueOf(e.get("id")).trim().toLowerCase(Locale.ROOT), JSON.writeValueAsString(e));
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
        return out;
    }

    private static Map<String, TenantContext> contexts(List<Map<String, Object>> entries) {
        return DetectConfig.of(Map.of("tenants", entries)).tenants().byId();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String text, String what) {
        try {
            Object tree = YAML.readValue(text, Object.class);
            if (tree instanceof Map<?, ?> m) return (Map<String, Object>) m;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": not YAML or JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(what + ": expected a mapping");
    }
}
