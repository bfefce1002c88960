package io.aitmdefense.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.incident.IncidentTracker;
import io.aitmdefense.events.codec.ByteArrayInput;
import io.aitmdefense.events.codec.ByteArrayOutput;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.server.source.LiveSource;
import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.store.AlertRow;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;
import io.aitmdefense.store.Snapshots;
import io.aitmdefense.store.StoreException;
import io.aitmdefense.store.Suppressions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The streaming engine inside {@code aitm serve}: live sources → engine → alerts and incident updates → the store.
 * <p>
 * Restart without loss is the Flink recipe: every {@code snapshotEvery}, the engine's keyed state, timers and
 * watermark, the incident tracker, and every source's position are written to the store in one snapshot, after the
 * alerts and incident updates decided so far are stored. After a crash the service restores the last snapshot and the
 * sources read again from the positions in it: the engine sees each record once, and an alert it decides a second
 * time has the same id, which the store's idempotent insert turns into a no-op. When the store fails, the pipeline
 * stops reading its sources (nothing piles up in memory) and goes on when the store answers again.
 */
public final class LivePipeline implements AutoCloseable {
    /** The snapshot of a serve file's one tenant; a named tenant's is {@code engine:<name>}. */
    static final String ENGINE = "engine";
    /** Container format of the snapshot blob: engine bytes, tracker bytes. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant;
    private final Database db;
    private final List<LiveSource> sources;
    private final List<Detection> detections;
    private final DetectConfig config;
    private final Enrichment enrichment;
    private final EngineSettings settings;
    private final Clock clock;
    private final Duration snapshotEvery;
    private final Consumer<IncidentUpdate> onUpdate;

    private final List<SideCorrelation> sides = new ArrayList<>();
    private final ConcurrentLinkedQueue<Alert> alerts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<IncidentUpdate> updates = new ConcurrentLinkedQueue<>();
    /** Alerts a false-positive marking suppresses, with the incident whose marking made the suppression. */
    private final ConcurrentLinkedQueue<Suppressed> suppressed = new ConcurrentLinkedQueue<>();
    private LocalEngine engine;
    private IncidentTracker tracker;
    private Instant lastSnapshot;
    private String storeError;
    private long storedAlerts;
    private long suppressedAlerts;

    /** @param tenant the tenant's name in the serve file, "" for a serve file's one tenant */
    public LivePipeline(String tenant, Database db, List<LiveSource> sources, List<Detection> detections, DetectConfig config,
                        Enrichment enrichment, EngineSettings settings, Duration snapshotEvery, Clock clock,
                        Consumer<IncidentUpdate> onUpdate) {
        this.tenant = tenant;
        this.db = db;
        this.sources = List.copyOf(sources);
        this.detections = List.copyOf(detections);
        this.config = config;
        this.enrichment = enrichment;
        this.settings = settings;
        this.snapshotEvery = snapshotEvery;
        this.clock = clock;
        this.onUpdate = onUpdate;
    }

    /** Adds a correlation beside the engine; before {@link #start}. */
    public void correlate(SideCorrelation side) {
        sides.add(side);
    }

    /** Restores the last snapshot, if any, and the sources' positions in it. */
    public void start() throws IOException {
        Optional<Snapshots.Snapshot> last = db.snapshots().latest(snapshotName());
        if (last.isPresent()) {
            if (last.get().format() != FORMAT) {
                throw new IOException("the stored engine snapshot has format " + last.get().format() + "; this build reads "
                        + FORMAT + " (start with a fresh --data folder, or use the build that wrote it)");
            }
            ByteArrayInput in = new ByteArrayInput(last.get().data(), 0, last.get().data().length);
            byte[] engineBytes = blob(in);
            byte[] trackerBytes = blob(in);
            tracker = IncidentTracker.restore(trackerBytes, config, enrichment, updates::add);
            engine = LocalEngine.restore(detections, enrichment, settings, this::decided, engineBytes);
            restorePositions(new String(engine.sourcePosition(), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            tracker = new IncidentTracker(config, enrichment, updates::add);
            engine = LocalEngine.start(detections, enrichment, settings, this::decided);
            for (SideCorrelation side : sides) side.restore("");
        }
        lastSnapshot = clock.instant();
    }

    private String snapshotName() {
        return tenant.isEmpty() ? ENGINE : ENGINE + ":" + tenant;
    }

    /** The tenant's name in the serve file, "" for a serve file's one tenant. */
    public String tenant() {
        return tenant;
    }

    private void decided(Alert alert) {
        alerts.add(alert);
        Optional<Suppressions.Suppression> s = suppression(alert);
        if (s.isPresent()) {
            // stored like any alert, but kept from the tracker: it neither reopens the marked incident nor opens a new one
            suppressed.add(new Suppressed(s.get().incidentId(), alert.detectionId()));
            return;
        }
        tracker.accept(alert);
    }

    /**
     * The active suppression the alert falls under (a responder marked this detection for this user a false positive).
     * When the store cannot answer, none: a missed suppression costs a duplicate incident, a dropped alert a breach.
     */
    private Optional<Suppressions.Suppression> suppression(Alert a) {
        try {
            return db.suppressions().matching(a.tenant(), a.userKey(), a.detectionId());
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    /** A suppressed alert of the incident whose false-positive marking suppressed it. */
    private record Suppressed(String incidentId, String detection) {
    }

    /**
     * One round: stores what is pending (after a store failure: takes a snapshot); when the store answers, polls every
     * source once and feeds the engine; takes a snapshot when one is due.
     *
     * @return events read this round
     */
    public int runOnce() {
        // after a failure nothing is read until the store takes what is pending and a snapshot again: no position
        // moves past what the store holds, and nothing piles up in memory while it is away
        if (storeError != null ? !snapshot() : !flush()) return 0;
        int n = 0;
        for (LiveSource s : sources) {
            try {
                n += s.poll(e -> {
                    tracker.observe(e);
                    for (SideCorrelation side : sides) side.observe(e, this::decided);
                    engine.accept(e);
                });
            } catch (Exception e) {
                // the source keeps its error in its status; the others go on
            }
        }
        if (n > 0) engine.flush(); // judged now, not when a batch has filled
        for (SideCorrelation side : sides) {
            try {
                n += side.poll(this::decided);
            } catch (StoreException e) {
                storeError = e.getMessage(); // read again next round, from the same position
            }
        }
        if (!clock.instant().isBefore(lastSnapshot.plus(snapshotEvery))) snapshot();
        return n;
    }

    /**
     * Snapshots now: the engine drains what it was given, the alerts and updates it decided are stored, then engine,
     * tracker and positions are written as one snapshot. Nothing is written when the store fails.
     *
     * @return whether the snapshot was stored
     */
    public boolean snapshot() {
        byte[] engineBytes = engine.snapshot(positions().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!flush()) return false;
        byte[] trackerBytes = tracker.checkpoint();
        ByteArrayOutput out = new ByteArrayOutput(engineBytes.length + trackerBytes.length + 16);
        try {
            writeBlob(engineBytes, out);
            writeBlob(trackerBytes, out);
            db.snapshots().save(snapshotName(), FORMAT, out.toByteArray(), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        } catch (StoreException e) {
            storeError = e.getMessage();
            return false;
        }
        lastSnapshot = clock.instant();
        return true;
    }

    /** Stores pending alerts and incident updates; false (and they stay pending) when the store fails. */
    private boolean flush() {
        try {
            Alert a;
            while ((a = alerts.peek()) != null) {
                if (db.alerts().insert(alertRow(a))) storedAlerts++;
                alerts.poll();
            }
            Suppressed x;
            while ((x = suppressed.peek()) != null) {
                noteSuppressed(x);
                suppressed.poll();
                suppressedAlerts++;
            }
            IncidentUpdate u;
            while ((u = updates.peek()) != null) {
                db.incidents().save(incidentRow(u.incident()), u.changes().stream().map(Enum::name)
                        .collect(Collectors.toSet()));
                updates.poll();
                onUpdate.accept(u);
            }
            storeError = null;
            return true;
        } catch (StoreException e) {
            storeError = e.getMessage();
            return false;
        }
    }

    /** Records on the marked incident's history that its suppression held back an alert ({@code SUPPRESSED:<detection>}). */
    private void noteSuppressed(Suppressed x) {
        db.incidents().get(x.incidentId()).ifPresent(row -> db.incidents().save(new IncidentRow(row.id(), row.tenant(),
                row.userKey(), row.user(), row.severity(), row.status(), row.firstSeen(), row.lastSeen(), clock.instant(),
                row.version(), row.body()), Set.of("SUPPRESSED:" + x.detection())));
    }

    private AlertRow alertRow(Alert a) {
        try {
            return new AlertRow(a.id(), a.tenant(), a.userKey(), a.detectionId(), a.severity().label(), a.start(),
                    a.end(), clock.instant(), IncidentsJson.alertLine(a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IncidentRow incidentRow(Incident i) {
        return new IncidentRow(i.id(), i.tenant(), i.userKey(), i.user(), i.severity().label(), "open", i.start(),
                i.end(), clock.instant(), 0, IncidentsJson.incidentText(i));
    }

    private String positions() {
        ObjectNode p = JSON.createObjectNode();
        for (LiveSource s : sources) p.put(s.name(), s.position());
        for (SideCorrelation side : sides) p.put(side.name(), side.position());
        return p.toString();
    }

    private void restorePositions(String json) throws IOException {
        var p = json.isEmpty() ? JSON.createObjectNode() : JSON.readTree(json);
        for (LiveSource s : sources) {
            if (p.has(s.name())) s.restore(p.get(s.name()).asText());
        }
        for (SideCorrelation side : sides) side.restore(p.path(side.name()).asText(""));
    }

    /** Lets a quiet tenant's timers fire: no event older than {@code wm} is expected any more. */
    public void advanceWatermark(Instant wm) {
        engine.advanceWatermark(wm);
    }

    public List<SourceStatus> sourceStatus() {
        List<SourceStatus> out = new ArrayList<>();
        for (LiveSource s : sources) out.add(s.status());
        return out;
    }

    /** The store's last failure, if it is failing now. */
    public Optional<String> storeError() {
        return Optional.ofNullable(storeError);
    }

    public long storedAlerts() {
        return storedAlerts;
    }

    /** Alerts held back by a suppression since this pipeline started (each noted on its marked incident's history). */
    public long suppressedAlerts() {
        return suppressedAlerts;
    }

    /**
     * Drops the pipeline without a last snapshot or flush, as a killed process would (tests of restart without loss).
     * Sources stay open for the caller to discard.
     */
    void abandon() {
        engine.close();
        engine = null;
    }

    @Override
    public void close() {
        if (engine != null) {
            snapshot();
            engine.close();
        }
        for (LiveSource s : sources) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a consumer on shutdown: nothing left to lose
                }
            }
        }
    }

    private static void writeBlob(byte[] b, ByteArrayOutput out) throws IOException {
        out.writeInt(b.length);
        out.write(b, 0, b.length);
    }

    private static byte[] blob(ByteArrayInput in) throws IOException {
        int n = in.readInt();
        byte[] b = new byte[n];
        in.readFully(b, 0, n);
        return b;
    }
}
