package io.aitmdefense.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.graph.config.SettingsException;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.server.api.AdminToken;
import io.aitmdefense.server.api.ApiServer;
import io.aitmdefense.server.api.LiveEvents;
import io.aitmdefense.server.api.ServerContext;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.contain.ResponseTenants;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.server.engine.LivePipeline;
import io.aitmdefense.server.notify.Notifier;
import io.aitmdefense.server.source.FolderSource;
import io.aitmdefense.server.source.GraphPoller;
import io.aitmdefense.server.source.KafkaTopicSource;
import io.aitmdefense.server.source.LiveSource;
import io.aitmdefense.server.source.ManagementActivityPoller;
import io.aitmdefense.server.source.RequestBudget;
import io.aitmdefense.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@code aitm serve}: opens the store, makes sure an admin can sign in, restores the engine from its last snapshot,
 * and then polls every source, feeds the engine and stores what it decides, until stopped. A stop (or {@code kill})
 * at any moment loses nothing: the next start resumes from the last snapshot.
 */
public final class Service implements AutoCloseable {
    private final ServeSettings settings;
    private final Clock clock;
    private final Database db;
    private final LivePipeline pipeline;
    private final Containment containment;
    private final ApiServer api;
    private final Notifier notifier;
    private final Optional<Path> newTokenFile;
    private volatile boolean running = true;
    private Instant lastEvent;

    private Service(ServeSettings settings, Clock clock, Database db, LivePipeline pipeline, Containment containment,
                    ApiServer api, Notifier notifier, Optional<Path> newTokenFile) {
        this.settings = settings;
        this.clock = clock;
        this.db = db;
        this.pipeline = pipeline;
        this.containment = containment;
        this.api = api;
        this.notifier = notifier;
        this.newTokenFile = newTokenFile;
        this.lastEvent = clock.instant();
    }

    /**
     * Starts the store, containment, the pipeline (restored when a snapshot exists) and the API. Every incident update
     * goes to {@code onUpdate} and to automatic containment.
     */
    public static Service start(ServeSettings settings, Clock clock, Consumer<IncidentUpdate> onUpdate) throws IOException {
        Files.createDirectories(settings.data());
        Database db = settings.database().map(Database::open).orElseGet(() -> Database.embedded(settings.data().resolve("db")));
        try {
            Optional<Path> token = AdminToken.ensure(db, settings.data(), clock.instant());
            DetectConfig config = settings.config().isPresent() ? DetectConfig.load(settings.config().get()) : DetectConfig.defaults();
            Enrichment enrichment = Enrichments.load(config, Optional.empty());
            EngineSettings engine = EngineSettings.from(config).withAllowedLateness(settings.allowedLateness());
            LiveEvents events = new LiveEvents();
            Notifier notifier = new Notifier(settings.notifyTargets(), settings.consoleUrl(), db.suppressions(), System.err::println);
            events.listen(notifier);
            Containment containment = new Containment(db, responseTenants(settings), settings.data().resolve("evidence"), clock);
            LivePipeline pipeline = new LivePipeline(db, sources(settings, clock), Catalogue.enabled(config), config,
                    enrichment, engine, settings.snapshotEvery(), clock, u -> {
                        onUpdate.accept(u);
                        events.incident(u);
                        containment.consider(u.incident());
                    });
            pipeline.start();
            ApiServer api = ApiServer.start(ServerContext.of(settings.host(), settings.port(), db, pipeline::sourceStatus, clock)
                    .withEvents(events).withPublicUrl(settings.consoleUrl()).withPosture(settings.posture())
                    .withContainment(containment));
            return new Service(settings, clock, db, pipeline, containment, api, notifier, token);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Polls until {@link #stop}; an idle spell longer than {@code idleAfter} lets the engine's timers fire. */
    public void run() throws InterruptedException {
        while (running) {
            int n = pipeline.runOnce();
            Instant now = clock.instant();
            if (n > 0) lastEvent = now;
            else if (now.isAfter(lastEvent.plus(settings.idleAfter()))) {
                pipeline.advanceWatermark(now.minus(settings.allowedLateness()));
            }
            if (n == 0) Thread.sleep(settings.pollEvery().toMillis());
        }
    }

    public void stop() {
        running = false;
    }

    public int port() {
        return api.port();
    }

    /** The admin token file, when this start created it. */
    public Optional<Path> newTokenFile() {
        return newTokenFile;
    }

    public LivePipeline pipeline() {
        return pipeline;
    }

    public Database database() {
        return db;
    }

    /** Response plans, approvals and runs of the stored incidents (the API's plan routes use it). */
    public Containment containment() {
        return containment;
    }

    @Override
    public void close() {
        running = false;
        api.close();
        pipeline.close();
        notifier.close();
        containment.close();
        db.close();
    }

    static List<LiveSource> sources(ServeSettings settings, Clock clock) throws IOException {
        List<LiveSource> out = new ArrayList<>();
        Map<String, MicrosoftClients> clients = new HashMap<>();
        Map<String, RequestBudget> budgets = new HashMap<>();
        for (ServeSettings.SourceSpec s : settings.sources()) {
            switch (s.type()) {
                case "folder" -> out.add(new FolderSource(Path.of(s.text("path")), clock));
                case "graph" -> {
                    MicrosoftClients ms = clients.computeIfAbsent(s.text("microsoft"), f -> connect(Path.of(f)));
                    String tenant = ms.settings().tenantId();
                    RequestBudget budget = budgets.computeIfAbsent(tenant, t -> RequestBudget.identityReports(clock));
                    List<String> logs = s.strings("logs").isEmpty() ? List.of("signIns", "directoryAudits", "riskDetections") : s.strings("logs");
                    for (String log : logs) {
                        out.add(new GraphPoller(tenant, log(log, s.where()), ms.graph(), budget, GraphPoller.Timing.DEFAULT, clock));
                    }
                }
                case "management" -> {
                    MicrosoftClients ms = clients.computeIfAbsent(s.text("microsoft"), f -> connect(Path.of(f)));
                    List<String> types = s.strings("contentTypes").isEmpty()
                            ? List.of("Audit.Exchange", "Audit.AzureActiveDirectory") : s.strings("contentTypes");
                    for (String type : types) {
                        out.add(new ManagementActivityPoller(ms.settings().tenantId(), type, ms.management(),
                                Duration.ofHours(1), Duration.ofHours(24), clock));
                    }
                }
                case "kafka" -> out.add(new KafkaTopicSource(s.text("topic"), kafka(s), clock));
                default -> throw new IllegalArgumentException(s.where() + ": unknown source type " + s.type());
            }
        }
        return out;
    }

    /** The tenant file's response settings: its microsoft: tenant by id, and every other tenant too. */
    static ResponseTenants responseTenants(ServeSettings settings) throws IOException {
        if (settings.config().isEmpty()) return ResponseTenants.NONE;
        RespondSettings s = RespondSettings.load(settings.config().get());
        return new ResponseTenants(s.microsoft().map(ms -> Map.of(ms.tenantId(), s)).orElse(Map.of()), Optional.of(s));
    }

    private static GraphPoller.Log log(String name, String where) {
        for (GraphPoller.Log l : GraphPoller.Log.values()) {
            if (l.label().equalsIgnoreCase(name)) return l;
        }
        throw new IllegalArgumentException(where + ": logs: unknown log '" + name + "' (signIns, nonInteractiveSignIns, "
                + "directoryAudits, riskDetections)");
    }

    /** Clients for the tenant whose file's {@code microsoft:} section names it and its credential. */
    private static MicrosoftClients connect(Path tenantFile) {
        try {
            return MicrosoftClients.connect(MicrosoftSettings.load(tenantFile));
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Kafka client settings; with a connection-string file, the Event Hubs SASL PLAIN login. */
    private static Properties kafka(ServeSettings.SourceSpec s) {
        Properties p = new Properties();
        JsonNode extra = s.keys().get("properties");
        if (extra != null) extra.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        p.put("bootstrap.servers", s.text("bootstrapServers"));
        String secretFile = s.text("connectionStringFile");
        if (!secretFile.isEmpty()) {
            String secret;
            try {
                secret = Files.readString(Path.of(secretFile)).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException(s.where() + ": cannot read connectionStringFile " + secretFile);
            }
            p.put("security.protocol", "SASL_SSL");
            p.put("sasl.mechanism", "PLAIN");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"$ConnectionString\" password=\"" + secret.replace("\"", "\\\"") + "\";");
        }
        if (p.getProperty("bootstrap.servers", "").isEmpty()) {
            throw new IllegalArgumentException(s.where() + ": bootstrapServers: required");
        }
        return p;
    }
}
