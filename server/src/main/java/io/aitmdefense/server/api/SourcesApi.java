package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.server.source.SourceStatus;
import io.javalin.config.RoutesConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live sources' status: {@code /api/v1/health} for monitoring (open), {@code /api/v1/sources} for the console, and
 * an {@code event: source} on the event stream whenever a source's error appears or clears or it delivers records.
 */
final class SourcesApi implements AutoCloseable {
    /** How often the sources are looked at for changes; a source polls every few seconds at most. */
    static final Duration WATCH_EVERY = Duration.ofSeconds(2);

    private final Supplier<List<SourceStatus>> sources;
    private final Clock clock;
    private final LiveEvents events;
    private final Map<String, String> lastSeen = new HashMap<>();
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aitm-source-watch");
        t.setDaemon(true);
        return t;
    });

    SourcesApi(ServerContext context) {
        this.sources = context.sources();
        this.clock = context.clock();
        this.events = context.events();
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/health", ctx -> Json.ok(ctx, health()));
        routes.get("/api/v1/sources", ctx -> Json.ok(ctx, view("aitm.api.sources/1")));
        watch.scheduleWithFixedDelay(this::look, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ObjectNode health() {
        ObjectNode out = view("aitm.health/1");
        out.put("time", clock.instant().toString());
        return out;
    }

    private ObjectNode view(String schema) {
        List<SourceStatus> all = sources.get();
        Instant now = clock.instant();
        ObjectNode out = Json.object();
        out.put("schema", schema);
        out.put("status", all.stream().anyMatch(s -> s.lastError().isPresent()) ? "degraded" : "ok");
        ArrayNode list = out.putArray("sources");
        for (SourceStatus s : all) list.add(SourcesView.source(s, now));
        return out;
    }

    /**
     * Sends {@code event: source} for each source whose error appeared, changed or cleared, or that delivered or rejected
     * records, since the last look: the sources page refreshes its row. A poll that brought nothing sends nothing.
     */
    synchronized void look() {
        for (SourceStatus s : sources.get()) {
            String status = s.lastError().map(e -> "error").orElse("ok");
            String key = status + '|' + s.lastError().orElse("") + '|' + s.delivered() + '|' + s.rejected() + '|'
                    + s.newestEvent().map(Instant::toString).orElse("");
            String before = lastSeen.put(s.name(), key);
            if (before != null && !before.equals(key)) events.source(s.name(), status);
        }
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }
}
