package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.map.RecordMapper;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.GraphRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polls one Graph log (interactive or non-interactive sign-ins, directory audits, risk detections) of one tenant,
 * losing nothing to Graph's latency: each regular pass asks for {@code [until − overlap, now − lag]}, and every
 * {@code latePassEvery} a pass asks again with the longer {@code lateOverlap} for records that took hours to appear.
 * Overlap means repeats: a record id delivered once is never delivered again (the ids of the overlap are part of the
 * position). The next link of the page being read is part of the position too, so a restart resumes mid-window, and
 * {@code until} moves only when a window is drained. Requests come out of the tenant's {@link RequestBudget}.
 */
public final class GraphPoller implements LiveSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Graph log: its path, API version, time field and extra filter. */
    public enum Log {
        SIGN_INS("signIns", "/auditLogs/signIns", false, "createdDateTime", ""),
        NON_INTERACTIVE_SIGN_INS("nonInteractiveSignIns", "/auditLogs/signIns", true, "createdDateTime",
                " and signInEventTypes/any(t: t eq 'nonInteractiveUser')"),
        DIRECTORY_AUDITS("directoryAudits", "/auditLogs/directoryAudits", false, "activityDateTime", ""),
        RISK_DETECTIONS("riskDetections", "/identityProtection/riskDetections", false, "detectedDateTime", "");

        private final String label;
        final String path;
        final boolean beta;
        final String timeField;
        final String extraFilter;

        Log(String label, String path, boolean beta, String timeField, String extraFilter) {
            this.label = label;
            this.path = path;
            this.beta = beta;
            this.timeField = timeField;
            this.extraFilter = extraFilter;
        }

        /** The name a serve file uses: signIns, nonInteractiveSignIns, directoryAudits, riskDetections. */
        public String label() {
            return label;
        }
    }

    /** How far windows reach back and stay behind now; defaults follow Graph's documented latency. */
    public record Timing(Duration lag, Duration overlap, Duration lateOverlap, Duration latePassEvery, Duration start) {
        public static final Timing DEFAULT = new Timing(Duration.ofMinutes(10), Duration.ofMinutes(10),
                Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofHours(24));
    }

    private final String tenant;
    private final Log log;
    private final GraphClient graph;
    private final RequestBudget budget;
    private final Timing timing;
    private final Clock clock;

    // position
    private Instant until;
    private Instant windowFrom;
    private Instant windowTo;
    private String nextLink;
    private Instant lastLatePass;
    private final Map<String, Instant> recent = new HashMap<>();

    private final Delivery delivery = new Delivery();
    private Instant lastPoll;
    private String lastError;
    private long lineNo;

    public GraphPoller(String tenant, Log log, GraphClient graph, RequestBudget budget, Timing timing, Clock clock) {
        this.tenant = tenant;
        this.log = log;
        this.graph = log.beta ? graph.beta() : graph;
        this.budget = budget;
        this.timing = timing;
        this.clock = clock;
        this.until = clock.instant().minus(timing.start());
        this.lastLatePass = clock.instant();
    }

    @Override
    public String name() {
        return "graph:" + log.label + ":" + tenant;
    }

    @Override
    public int poll(Consumer<Event> out) {
        Instant now = clock.instant();
        lastPoll = now;
        if (windowFrom == null) {
            boolean late = !now.isBefore(lastLatePass.plus(timing.latePassEvery()));
            windowFrom = until.minus(late ? timing.lateOverlap() : timing.overlap());
            windowTo = now.minus(timing.lag());
            if (late) lastLatePass = now;
            if (!windowTo.isAfter(windowFrom)) {
                windowFrom = null;
                return 0;
            }
        }
        int n = 0;
        try {
            while (budget.tryAcquire()) {
                JsonNode page = graph.page(firstRequest(), Optional.ofNullable(nextLink));
                for (JsonNode record : page.path("value")) n += deliver(record, out);
                JsonNode next = page.path("@odata.nextLink");
                if (next.isTextual() && !next.asText().isEmpty()) {
                    nextLink = next.asText();
                    continue;
                }
                // drained: the window is done, and ids older than any future window can be forgotten
                if (windowTo.isAfter(until)) until = windowTo;
                windowFrom = null;
                windowTo = null;
                nextLink = null;
                Instant forget = until.minus(timing.lateOverlap()).minus(timing.overlap());
                recent.values().removeIf(t -> t.isBefore(forget));
                break;
            }
            lastError = null;
        } catch (RuntimeException e) {
            // the position stays where the last page left it: the next poll asks again from there
            lastError = e.getMessage();
        }
        return n;
    }

    private GraphRequest firstRequest() {
        String filter = log.timeField + " ge " + iso(windowFrom) + " and " + log.timeField + " le " + iso(windowTo)
                + log.extraFilter;
        return GraphRequest.get(log.path).query("$filter", filter).query("$top", "1000");
    }

    private int deliver(JsonNode record, Consumer<Event> out) {
        String id = record.path("id").asText("");
        Instant time = time(record);
        if (!id.isEmpty()) {
            if (recent.containsKey(id)) return 0;
            recent.put(id, time == null ? windowTo : time);
        }
        return delivery.record(record, new Source(name(), ++lineNo), out);
    }

    private Instant time(JsonNode record) {
        try {
            return Instant.parse(record.path(log.timeField).asText());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    @Override
    public String position() {
        ObjectNode p = JSON.createObjectNode();
        p.put("until", until.toString());
        p.put("lastLatePass", lastLatePass.toString());
        if (windowFrom != null) {
            p.put("windowFrom", windowFrom.toString());
            p.put("windowTo", windowTo.toString());
        }
        if (nextLink != null) p.put("nextLink", nextLink);
        ObjectNode ids = p.putObject("recent");
        recent.forEach((id, t) -> ids.put(id, t.toString()));
        return p.toString();
    }

    @Override
    public void restore(String position) {
        try {
            JsonNode p = JSON.readTree(position);
            until = Instant.parse(p.path("until").asText());
            lastLatePass = Instant.parse(p.path("lastLatePass").asText());
            windowFrom = p.has("windowFrom") ? Instant.parse(p.get("windowFrom").asText()) : null;
            windowTo = p.has("windowTo") ? Instant.parse(p.get("windowTo").asText()) : null;
            nextLink = p.has("nextLink") ? p.get("nextLink").asText() : null;
            recent.clear();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("recent").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                recent.put(e.getKey(), Instant.parse(e.getValue().asText()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Graph poller position: " + e.getMessage(), e);
        }
    }

    @Override
    public SourceStatus status() {
        return delivery.status(name(), "graph", lastPoll, lastError);
    }
}
