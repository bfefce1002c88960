package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.map.RecordMapper;
import io.aitmdefense.graph.activity.ContentBlob;
import io.aitmdefense.graph.activity.ManagementActivityClient;
import io.aitmdefense.graph.http.ApiException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one content type of the Office 365 Management Activity API (the unified audit log) for one tenant. The
 * subscription is started once ({@code AF20024} "already enabled" is fine) and started again when the service says
 * it is off ({@code AF20022}/{@code AF20023}). Blobs are listed by {@code contentCreated} in windows of at most 24 h,
 * never further back than the 7 days the service keeps, re-reading the last {@code overlap} because blobs appear
 * late; a blob is fetched once (the ids of the overlap's blobs are part of the position) and its records, which may be
 * older than the blob and in any order, are delivered as they come — the engine orders events by their own time.
 * A blob that expired before it was fetched is counted and skipped.
 */
public final class ManagementActivityPoller implements LiveSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final Duration RETENTION = Duration.ofDays(7).minusMinutes(5);
    /** Record ids kept in memory for duplicates across blobs; the position keeps blob ids only. */
    private static final int RECENT_RECORDS = 100_000;

    private final String tenant;
    private final String contentType;
    private final ManagementActivityClient api;
    private final Duration overlap;
    private final Clock clock;

    private boolean subscribed;
    private Instant cursor;
    private final Map<String, Instant> fetchedBlobs = new HashMap<>();
    private final Map<String, Boolean> recentRecords = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_RECORDS;
        }
    };

    private final Delivery delivery = new Delivery();
    private long expiredBlobs;
    private Instant lastPoll;
    private String lastError;
    private long lineNo;

    public ManagementActivityPoller(String tenant, String contentType, ManagementActivityClient api, Duration overlap,
                                    Duration startBack, Clock clock) {
        this.tenant = tenant;
        this.contentType = contentType;
        this.api = api;
        this.overlap = overlap;
        this.clock = clock;
        this.cursor = clock.instant().minus(startBack);
    }

    @Override
    public String name() {
        return "management:" + contentType + ":" + tenant;
    }

    @Override
    public int poll(Consumer<Event> out) {
        Instant now = clock.instant();
        lastPoll = now;
        int n = 0;
        String pollError = null;
        try {
            if (!subscribed) {
                api.start(contentType);
                subscribed = true;
            }
            Instant oldest = now.minus(RETENTION);
            Instant from = cursor.minus(overlap);
            if (from.isBefore(oldest)) from = oldest;
            Instant to = from.plus(MAX_WINDOW).isBefore(now) ? from.plus(MAX_WINDOW) : now;
            if (!to.isAfter(from)) return 0;
            List<ContentBlob> blobs = new ArrayList<>(api.content(contentType, from, to));
            blobs.sort(Comparator.comparing(ContentBlob::contentCreated).thenComparing(ContentBlob::contentId));
            for (ContentBlob blob : blobs) {
                if (fetchedBlobs.containsKey(blob.contentId())) continue;
                JsonNode records;
                try {
                    records = api.fetch(blob);
                } catch (ApiException e) {
                    if (e.status() != 404 && e.status() != 410) throw e;
                    expiredBlobs++;
                    pollError = "content blob " + blob.contentId() + " expired before it was read (" + e.code() + ")";
                    fetchedBlobs.put(blob.contentId(), created(blob, to));
                    continue;
                }
                for (JsonNode record : records) n += deliver(record, out);
                fetchedBlobs.put(blob.contentId(), created(blob, to));
            }
            // the window is done: the next starts where it ended, less the overlap
            cursor = to;
            Instant forget = cursor.minus(overlap).minus(Duration.ofMinutes(1));
            fetchedBlobs.values().removeIf(t -> t.isBefore(forget));
        } catch (ApiException e) {
            if (Set.of("AF20022", "AF20023").contains(e.code())) subscribed = false; // off: start it again next poll
            pollError = e.getMessage();
        }
        lastError = pollError;
        return n;
    }

    private static Instant created(ContentBlob blob, Instant fallback) {
        try {
            return Instant.parse(blob.contentCreated());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private int deliver(JsonNode record, Consumer<Event> out) {
        String id = record.path("Id").asText("");
        if (!id.isEmpty() && recentRecords.put(id, Boolean.TRUE) != null) return 0;
        return delivery.record(record, new Source(name(), ++lineNo), out);
    }

    /** Blobs expired before they could be read: audit records lost at the source. */
    public long expiredBlobs() {
        return expiredBlobs;
    }

    @Override
    public String position() {
        ObjectNode p = JSON.createObjectNode();
        p.put("cursor", cursor.toString());
        ObjectNode blobs = p.putObject("blobs");
        fetchedBlobs.forEach((id, t) -> blobs.put(id, t.toString()));
        return p.toString();
    }

    @Override
    public void restore(String position) {
        try {
            JsonNode p = JSON.readTree(position);
            cursor = Instant.parse(p.path("cursor").asText());
            fetchedBlobs.clear();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("blobs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fetchedBlobs.put(e.getKey(), Instant.parse(e.getValue().asText()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Management Activity position: " + e.getMessage(), e);
        }
    }

    @Override
    public SourceStatus status() {
        return delivery.status(name(), "management", lastPoll, lastError);
    }
}
