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
import io.aitmdefense.server.canary.CanaryEndpoint;
import io.aitmdefense.server.canary.CanaryWatch;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code aitm serve}: opens the store, makes sure an admin can sign in, restores each tenant's engine from its last
 * snapshot, and then polls every source, feeds the tenant's engine and stores what it decides, until stopped. A stop
 * (or {@code kill}) at any moment loses nothing: the next start resumes from the last snapshots.
 */
public final class Service implements AutoCloseable {
    private final ServeSettings settings;
    private final Clock clock;
    private final Database db;
    private final List<LivePipeline> pipelines;
    private final Notifier notifier;
    private final Containment containment;
    private final ApiServer api;
    private final Optional<Path> newTokenFile;
    private final Semaphore wake;
    private volatile boolean running = true;

    private Service(ServeSettings settings, Clock clock, Database db, List<LivePipeline> pipelines, Containment containment,
                    ApiServer api, Notifier notifier, Optional<Path> newTokenFile, Semaphore wake) {
        this.settings = settings;
        this.clock = clock;
        this.db = db;
        this.pipelines = List.copyOf(pipelines);
        this.notifier = notifier;
        this.containment = containment;
        this.api = api;
        this.newTokenFile = newTokenFile;
        this.wake = wake;
    }

    /**
     * Starts the store, containment, each tenant's pipeline (restored when a snapshot exists) and the API. Every
     * incident update goes to {@code onUpdate} and to automatic containment.
     */
    public static Service start(ServeSettings settings, Clock clock, Consumer<IncidentUpdate> onUpdate) throws IOException {
        Files.createDirectories(settings.data());
        Database db = settings.database().map(Database::open).orElseGet(() -> Database.embedded(settings.data().resolve("db")));
        List<LivePipeline> pipelines = new ArrayList<>();
        try {
            Optional<Path> token = AdminToken.ensure(db, settings.data(), clock.instant());
            LiveEvents events = new LiveEvents();
            Notifier notifier = new Notifier(settings.notifyTargets(), settings.consoleUrl(), db, System.err::println);
            events.listen(notifier);
            Containment containment = new Containment(db, responseTenants(settings), settings.data().resolve("evidence"), clock);
            Consumer<IncidentUpdate> updates = u -> {
                onUpdate.accept(u);
                events.incident(u);
                containment.consider(u.incident());
            };
            Semaphore wake = new Semaphore(0);
            for (ServeSettings.TenantSpec t : settings.tenants()) {
                DetectConfig config = t.config().isPresent() ? DetectConfig.load(t.config().get()) : DetectConfig.defaults();
                Enrichment enrichment = Enrichments.load(config, Optional.empty());
                EngineSettings engine = EngineSettings.from(config).withAllowedLateness(settings.allowedLateness());
                LivePipeline pipeline = new LivePipeline(t.name(), db, sources(t, clock), Catalogue.enabled(config), config,
                        enrichment, engine, settings.snapshotEvery(), clock, updates);
                if (t.canary().isPresent()) {
                    db.canaries().ensure(t.canary().get(), clock.instant());
                    pipeline.correlate(new CanaryWatch(db.canaries(), t.canary().get(), enrichment, clock));
                }
                pipelines.add(pipeline);
                pipeline.start();
            }
            Optional<CanaryEndpoint> canary = settings.tenants().stream().anyMatch(t -> t.canary().isPresent())
                    ? Optional.of(new CanaryEndpoint(db, clock, settings.trustForwardedFor(), wake::release)) : Optional.empty();
            ServerContext context = ServerContext.of(settings.host(), settings.port(), db,
                            () -> pipelines.stream().flatMap(p -> p.sourceStatus().stream()).toList(), clock)
                    .withEvents(events).withPublicUrl(settings.consoleUrl()).withPosture(settings.posture())
                    .withContainment(containment).withOidc(settings.oidc());
            ApiServer api = ApiServer.start(canary.map(context::withCanary).orElse(context));
            return new Service(settings, clock, db, pipelines, containment, api, notifier, token, wake);
        } catch (IOException | RuntimeException e) {
            pipelines.forEach(LivePipeline::close);
            db.close();
            throw e;
        }
    }

    /**
     * Polls until {@link #stop}; a tenant quiet for longer than {@code idleAfter} has its engine's watermark moved to
     * now − allowed lateness, so its timers fire.
     */
    public void run() throws InterruptedException {
        Map<LivePipeline, Instant> lastEvent = new HashMap<>();
        for (LivePipeline p : pipelines) lastEvent.put(p, clock.instant());
        while (running) {
            int total = 0;
            for (LivePipeline p : pipelines) {
                int n = p.runOnce();
                total += n;
                Instant now = clock.instant();
                if (n > 0) lastEvent.put(p, now);
                else if (now.isAfter(lastEvent.get(p).plus(settings.idleAfter()))) {
                    p.advanceWatermark(now.minus(settings.allowedLateness()));
                }
            }
            // idle: wait for the next poll, or less when a canary hit wakes the loop
            if (total == 0 && wake.tryAcquire(settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
        }
    }

    public void stop() {
        running = false;
    }

    /** Runs {@link #run} on a daemon thread of its own, for a process that embeds the service; {@link #stop} ends it. */
    public Thread runInBackground() {
        Thread loop = new Thread(() -> {
            try {
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "aitm-serve");
        loop.setDaemon(true);
        loop.start();
        return loop;
    }

    public int port() {
        return api.port();
    }

    /** Each canary tenant's image path ({@code /canary/<token>.gif}), for the branding CSS. */
    public Map<String, String> canaryPaths() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (ServeSettings.TenantSpec t : settings.tenants()) {
            t.canary().flatMap(id -> db.canaries().of(id)).ifPresent(c -> out.put(c.tenant(), CanaryEndpoint.path(c.token())));
        }
        return out;
    }

    /** The admin token file, when this start created it. */
    public Optional<Path> newTokenFile() {
        return newTokenFile;
    }

    /** One pipeline per tenant, in the serve file's order. */
    public List<LivePipeline> pipelines() {
        return pipelines;
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
        pipelines.forEach(LivePipeline::close);
        notifier.close();
        containment.close();
        db.close();
    }

    /**
     * The tenants' response settings, by the Entra tenant id of each tenant file's {@code microsoft:} section; a serve
     * file with one tenant file answers with it for every tenant.
     */
    static ResponseTenants responseTenants(ServeSettings settings) throws IOException {
        Map<String, RespondSettings> byId = new HashMap<>();
        Optional<RespondSettings> only = Optional.empty();
        for (ServeSettings.TenantSpec t : settings.tenants()) {
            if (t.config().isEmpty()) continue;
            RespondSettings s = RespondSettings.load(t.config().get());
            s.microsoft().ifPresent(ms -> byId.put(ms.tenantId().toLowerCase(java.util.Locale.ROOT), s));
            if (settings.tenants().size() == 1) only = Optional.of(s);
        }
        return new ResponseTenants(byId, only);
    }

    static List<LiveSource> sources(ServeSettings.TenantSpec spec, Clock clock) throws IOException {
        List<LiveSource> out = new ArrayList<>();
        Map<String, MicrosoftClients> clients = new HashMap<>();
        Map<String, RequestBudget> budgets = new HashMap<>();
        for (ServeSettings.SourceSpec s : spec.sources()) {
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
