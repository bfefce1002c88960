package io.aitmdefense.server.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.store.CanaryLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads recorded canary image loads ({@code canary-hits.ndjson} of {@code aitm simulate}, schema
 * {@code aitm.canary-hit/1}: one {@code {"time","tenant","ip","referer","origin","userAgent"}} a line) into the
 * store, judged as the endpoint judges a request ({@link PageOrigin}, headers clipped): a Microsoft page is counted,
 * a foreign page's hit is kept at its own time for the watch to read. The file is trusted as a whole (the endpoint's
 * rate limits are for the public internet); a bad line is reported by file:line and the rest is loaded.
 */
public final class CanaryHitFile {
    public static final String SCHEMA = "aitm.canary-hit/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanaryHitFile() {
    }

    /** What a load did: hits kept (foreign pages), counted (Microsoft's, blank), and each rejected line with its reason. */
    public record Loaded(int kept, int microsoft, int blank, List<String> rejected) {
        public Loaded {
            rejected = List.copyOf(rejected);
        }
    }

    public static Loaded load(Path file, CanaryLog log) throws IOException {
        int kept = 0, microsoft = 0, blank = 0, n = 0;
        List<String> rejected = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.isBlank()) continue;
                String where = file + ":" + n + ": ";
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (IOException e) {
                    rejected.add(where + "not a JSON object");
                    continue;
                }
                String schema = o.path("schema").asText(SCHEMA);
                if (!schema.equals(SCHEMA)) {
                    rejected.add(where + "schema " + schema + ", expected " + SCHEMA);
                    continue;
                }
                Instant at;
                try {
                    at = Instant.parse(o.path("time").asText());
                } catch (DateTimeParseException e) {
                    rejected.add(where + "time: expected an ISO-8601 UTC time, got '" + CanaryEndpoint.clip(o.path("time").asText()) + "'");
                    continue;
                }
                String tenant = o.path("tenant").asText().toLowerCase(Locale.ROOT);
                if (log.of(tenant).isEmpty()) {
                    rejected.add(where + "tenant: no canary for '" + CanaryEndpoint.clip(tenant) + "' in this service (serve file: canary:)");
                    continue;
                }
                String referrer = CanaryEndpoint.clip(o.path("referer").asText(null));
                String origin = CanaryEndpoint.clip(o.path("origin").asText(null));
                PageOrigin page = PageOrigin.of(referrer, origin);
                switch (page.kind()) {
                    case MICROSOFT -> {
                        log.count(tenant, CanaryLog.Tally.MICROSOFT, at);
                        microsoft++;
                    }
                    case BLANK -> {
                        log.count(tenant, CanaryLog.Tally.BLANK, at);
                        blank++;
                    }
                    case FOREIGN -> {
                        String ip = o.path("ip").asText();
                        if (ip.isEmpty() || ip.length() > 45 || !ip.matches("[0-9A-Fa-f.:]+")) {
                            rejected.add(where + "ip: expected an IPv4 or IPv6 address, got '" + CanaryEndpoint.clip(ip) + "'");
                            continue;
                        }
                        log.keep(tenant, at, ip, page.domain(), referrer, origin, CanaryEndpoint.clip(o.path("userAgent").asText(null)));
                        kept++;
                    }
                }
            }
        }
        return new Loaded(kept, microsoft, blank, rejected);
    }
}
