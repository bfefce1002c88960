package io.aitmdefense.simulate.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canary image loads of a simulated tenant, written to {@value #FILE} beside truth.json (outside {@code logs/}:
 * they are not a Microsoft log, and {@code aitm serve} loads them into its canary store). One JSON object a line,
 * in time order: {@code {"schema":"aitm.canary-hit/1","time":…,"tenant":…,"ip":…,"referer":…,"userAgent":…}}.
 * <p>
 * Microsoft's sign-in page loads the image whenever a user types a password there (referer
 * {@code https://login.microsoftonline.com/}: health). A phishing kit that relays the page makes it load with the kit's
 * domain as referer, a few seconds to two minutes before the proxied sign-in; the simulated kits fetch the page and
 * its resources server-side, so the request comes from the kit's address, the one the sign-in log then shows.
 */
public final class CanaryHits {
    public static final String FILE = "canary-hits.ndjson";
    public static final String SCHEMA = "aitm.canary-hit/1";
    public static final String MICROSOFT = "https://login.microsoftonline.com/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CanaryHit> hits = new ArrayList<>();

    public synchronized void add(CanaryHit hit) {
        hits.add(hit);
    }

    public synchronized List<CanaryHit> all() {
        List<CanaryHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparing(CanaryHit::time).thenComparing(CanaryHit::ip));
        return sorted;
    }

    /** Writes every hit, oldest first; never over an existing file. */
    public void write(Path file, String tenantId) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            for (CanaryHit h : all()) {
                ObjectNode o = JSON.createObjectNode();
                o.put("schema", SCHEMA).put("time", h.time().toString()).put("tenant", tenantId).put("ip", h.ip())
                        .put("referer", h.referer()).put("userAgent", h.userAgent());
                out.write(JSON.writeValueAsString(o));
                out.write('\n');
            }
        }
    }
}
