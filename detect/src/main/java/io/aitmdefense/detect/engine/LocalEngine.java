package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.AlertSink;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.read.EventSink;

import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.events.codec.ByteArrayInput;
import io.aitmdefense.events.codec.ByteArrayOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs detections in one JVM over all cores: events are sharded by user over {@code shards} threads, each owning
 * a {@link KeyedRuntime}. Thread-safe: readers call {@link #accept} from several threads at once. Each alert goes to
 * the {@link AlertSink} as soon as the watermark decides it, from the shard's thread; nothing is held until the end.
 * <p>
 * Event time: the watermark is the newest event time accepted so far minus the allowed lateness. An event older
 * than the watermark when it is accepted is late: counted and dropped. Every other event reaches its shard before
 * that shard's watermark passes it, so within the allowed lateness the alerts do not depend on arrival order,
 * file order or shard count. {@link #finish} raises the watermark to the end of time: every timer fires and all
 * state is released.
 * <p>
 * Hand-off: accepted events are buffered per shard and sent in batches through bounded queues; a full queue makes
 * {@link #accept} wait (backpressure), so memory is bounded by the queues, not by the input.
 */
public final class LocalEngine implements EventSink, AutoCloseable {
    /** Detection failures kept per shard and in the result; the count in the stats covers all of them. */
    public static final int MAX_REPORTED_FAILURES = 100;

    private static final Comparator<DetectionFailure> FAILURE_ORDER = Comparator.comparing(DetectionFailure::time)
            .thenComparing(DetectionFailure::location)
            .thenComparing(DetectionFailure::detectionId)
            .thenComparing(DetectionFailure::user);

    private final Duration allowedLateness;
    private final Shard[] shards;
    private final Thread[] threads;
    private final List<List<Shard.Keyed>> pending;
    private final UserDirectory directory;
    /** Where the caller's source stood at the snapshot this engine was restored from (empty for a fresh engine). */
    private byte[] sourcePosition = new byte[0];
    private final int batchSize;
    private final int flushThreshold;

    // guarded by this
    private int pendingCount;
    private Instant newest = Instant.MIN;
    private Instant watermark = Instant.MIN;
    private long events;
    private long late;
    private EngineResult result;
    /** Set when started without a sink: the alerts are gathered for {@link EngineResult#alerts()}. */
    private final List<Alert> collected;

    private LocalEngine(List<Detection> detections, Enrichment enrichment, EngineSettings settings, AlertSink sink,
                        List<Alert> collected, UserDirectory directory) {
        this.collected = collected;
        this.directory = directory;
        this.allowedLateness = settings.allowedLateness();
        this.batchSize = settings.batchSize();
        this.flushThreshold = settings.batchSize() * settings.shards();
        this.shards = new Shard[settings.shards()];
        this.threads = new Thread[settings.shards()];
        this.pending = new ArrayList<>(settings.shards());
        List<Detection> all = List.copyOf(detections);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(all, enrichment, sink, directory, settings.queueBatches(), MAX_REPORTED_FAILURES);
            threads[i] = new Thread(shards[i], "aitm-engine-shard-" + i);
            // a forgotten engine must not keep the JVM alive
            threads[i].setDaemon(true);
            pending.add(new ArrayList<>(batchSize));
        }
    }

    /**
     * Starts the shard threads; every alert goes to {@code sink} (called from the shards' threads, so it must be
     * thread-safe) and {@link EngineResult#alerts()} stays empty. Detections are shared by all shards: they keep all
     * per-user data in state.
     */
    public static LocalEngine start(List<Detection> detections, Enrichment enrichment, EngineSettings settings,
                                    AlertSink sink) {
        return start(detections, enrichment, settings, sink, new UserDirectory());
    }

    /**
     * As {@link #start(List, Enrichment, EngineSettings, AlertSink)}, keying users with {@code directory}: a batch run
     * fills it while the files are read, so no record's key depends on the record order. The engine goes on learning
     * from the events it accepts.
     */
    public static LocalEngine start(List<Detection> detections, Enrichment enrichment, EngineSettings settings,
                                    AlertSink sink, UserDirectory directory) {
        LocalEngine engine = new LocalEngine(detections, enrichment, settings, sink, null, directory);
        for (Thread t : engine.threads) t.start();
        return engine;
    }

    /** As {@link #start(List, Enrichment, EngineSettings, AlertSink)}, gathering the alerts into the result. */
    public static LocalEngine start(List<Detection> detections, Enrichment enrichment, EngineSettings settings) {
        List<Alert> collected = java.util.Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = new LocalEngine(detections, enrichment, settings, collected::add, collected, new UserDirectory());
        for (Thread t : engine.threads) t.start();
        return engine;
    }

    /**
     * A fresh engine holding what {@link #snapshot} wrote — every key's state, pending timers, the watermark, the
     * user directory — ready to go on with the events after the snapshot, its alerts going to {@code sink}. Shard
     * count and batch size may differ from the engine that wrote it; the detections must be the same (by id) and their
     * state codecs able to read it.
     *
     * @throws IOException when the bytes are not a snapshot or cannot be read by this build (the message says why)
     */
    public static LocalEngine restore(List<Detection> detections, Enrichment enrichment, EngineSettings settings,
                                      AlertSink sink, byte[] snapshot) throws IOException {
        LocalEngine engine = new LocalEngine(detections, enrichment, settings, sink, null, new UserDirectory());
        engine.read(snapshot);
        for (Thread t : engine.threads) t.start();
        return engine;
    }

    /** As {@link #restore(List, Enrichment, EngineSettings, AlertSink, byte[])}, gathering the alerts into the result. */
    public static LocalEngine restore(List<Detection> detections, Enrichment enrichment, EngineSettings settings,
                                      byte[] snapshot) throws IOException {
        List<Alert> collected = java.util.Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = new LocalEngine(detections, enrichment, settings, collected::add, collected, new UserDirectory());
        engine.read(snapshot);
        for (Thread t : engine.threads) t.start();
        return engine;
    }

    /**
     * Routes one event to its user's shard, or counts it as late. May wait while the shards catch up.
     *
     * @throws IllegalStateException after {@link #finish}, or if interrupted while waiting
     */
    @Override
    public synchronized void accept(Event event) {
        if (result != null) throw new IllegalStateException("the engine has finished; no more events");
        events++;
        Instant t = event.time();
        if (t.isBefore(watermark)) {
            late++;
            return;
        }
        if (t.isAfter(newest)) {
            newest = t;
            Instant behind = minusLateness(t);
            if (behind.isAfter(watermark)) watermark = behind; // an idle source may have moved it further already
        }
        UserDirectory.Identity named = UserDirectory.identity(event);
        directory.learn(named, t.toEpochMilli());
        UserDirectory.Identity who = directory.resolve(named);
        UserDirectory.Handle user = directory.handleOf(who);
        if (user.key().isEmpty()) return;
        pending.get(shardOf(user.key(), shards.length)).add(new Shard.Keyed(user, who.tenant(), event));
        if (++pendingCount >= flushThreshold) send(watermark);
    }

    /**
     * Moves the watermark to {@code wm} without new events — a live source that has gone quiet vouches that nothing
     * older than {@code wm} will come — so the timers up to it fire. Never moves it backwards; later events older than
     * it are late.
     *
     * @throws IllegalStateException after {@link #finish}
     */
    public synchronized void advanceWatermark(Instant wm) {
        if (result != null) throw new IllegalStateException("the engine has finished");
        if (!wm.isAfter(watermark)) return;
        watermark = wm;
        send(wm);
    }

    /**
     * Sends the events buffered for the shards now instead of when a batch fills: a live source that has delivered
     * what it had wants its records judged now, not when enough traffic has followed them.
     */
    public synchronized void flush() {
        if (result != null) throw new IllegalStateException("the engine has finished");
        if (pendingCount > 0) send(watermark);
    }

    /**
     * The watermark every shard has processed: each alert still to come is decided at or after it, so whatever an
     * alert can refer to is at most the correlation windows older than this.
     */
    public Instant processedWatermark() {
        Instant min = Instant.MAX;
        for (Shard s : shards) if (s.processedWatermark().isBefore(min)) min = s.processedWatermark();
        return min;
    }

    /** The current watermark: newest event time accepted minus the allowed lateness; {@link Instant#MIN} before any. */
    public synchronized Instant watermark() {
        return watermark;
    }

    /**
     * Sends what is buffered, raises the watermark to the end of time so that every timer fires (the last alerts reach
     * the sink), waits for the shards and returns the run's numbers, with the alerts in {@link AlertOrder} when the
     * engine was started without a sink. Calling it again returns the same result.
     *
     * @throws IllegalStateException if a shard's runtime itself failed (a detection's exception does not count)
     */
    public synchronized EngineResult finish() {
        if (result != null) return result;
        send(Instant.MAX);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the engine's shards", e);
            }
        }
        for (Shard s : shards) {
            if (s.crash() != null) throw new IllegalStateException("an engine shard failed: " + s.crash(), s.crash());
        }
        List<Alert> alerts = collected == null ? new ArrayList<>() : new ArrayList<>(collected);
        List<DetectionFailure> failures = new ArrayList<>();
        long lateInShards = 0, peakKeys = 0, peakState = 0, failureCount = 0;
        for (Shard s : shards) {
            failures.addAll(s.failures());
            failureCount += s.failureCount();
            lateInShards += s.late();
            peakKeys += s.peakLiveKeys();
            peakState += s.peakStateEntries();
        }
        alerts.sort(AlertOrder.DETERMINISTIC);
        failures.sort(FAILURE_ORDER);
        EngineStats stats = new EngineStats(events, late + lateInShards, peakKeys, peakState, failureCount, shards.length);
        result = new EngineResult(alerts, stats,
                failures.subList(0, Math.min(failures.size(), MAX_REPORTED_FAILURES)));
        return result;
    }

    /**
     * Writes everything the engine holds between two events: each key's state (through its descriptor's codec) and
     * pending timers, the watermark, the newest event time, the user directory and {@code sourcePosition} — an opaque
     * mark of where the caller's input stood (an Event Hubs offset, a file and line), handed back by
     * {@link #sourcePosition()} after a {@link #restore}. Waits until the shards have processed every event accepted
     * so far; the engine goes on running afterwards. Alerts are not part of it: they left the engine when decided.
     *
     * @throws IllegalStateException after {@link #finish}, or if a shard failed
     */
    public synchronized byte[] snapshot(byte[] sourcePosition) {
        if (result != null) throw new IllegalStateException("the engine has finished; nothing to snapshot");
        List<CompletableFuture<TreeMap<String, byte[]>>> parts = new ArrayList<>();
        try {
            for (int i = 0; i < shards.length; i++) {
                CompletableFuture<TreeMap<String, byte[]>> part = new CompletableFuture<>();
                parts.add(part);
                shards[i].put(new Shard.Batch(pending.get(i), watermark, part));
                pending.set(i, new ArrayList<>(batchSize));
            }
            pendingCount = 0;
            TreeMap<String, byte[]> keys = new TreeMap<>();
            for (CompletableFuture<TreeMap<String, byte[]>> part : parts) keys.putAll(part.get());
            ByteArrayOutput out = new ByteArrayOutput(1 << 16);
            out.writeInt(KeyedRuntime.MAGIC);
            out.writeByte(KeyedRuntime.FORMAT);
            KeyedRuntime.writeInstant(watermark, out);
            KeyedRuntime.writeInstant(newest, out);
            out.writeLong(events);
            out.writeLong(late);
            directory.write(out);
            KeyedRuntime.writeBlob(sourcePosition, out);
            StateIo.varInt(keys.size(), out);
            for (Map.Entry<String, byte[]> k : keys.entrySet()) {
                StateIo.str(k.getKey(), out);
                KeyedRuntime.writeBlob(k.getValue(), out);
            }
            return out.toByteArray();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a snapshot of the engine", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an engine shard could not write its state: " + e.getCause(), e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
    }

    /** The source position passed to the {@link #snapshot} this engine was restored from; empty for a fresh engine. */
    public synchronized byte[] sourcePosition() {
        return sourcePosition.clone();
    }

    private void read(byte[] snapshot) throws IOException {
        ByteArrayInput in = new ByteArrayInput(snapshot, 0, snapshot.length);
        KeyedRuntime.readHeader(in);
        watermark = KeyedRuntime.readInstant(in);
        newest = KeyedRuntime.readInstant(in);
        events = in.readLong();
        late = in.readLong();
        directory.read(in);
        sourcePosition = KeyedRuntime.readBlob(in);
        for (Shard s : shards) s.runtime().restoreWatermark(watermark);
        for (int n = StateIo.varInt(in); n > 0; n--) {
            String key = StateIo.str(in);
            shards[shardOf(key, shards.length)].runtime().restoreKey(key, KeyedRuntime.readBlob(in));
        }
        if (in.position() != snapshot.length) throw new IOException("the snapshot has bytes after its last key");
    }

    /** Finishes the run if {@link #finish} was not called, discarding its result. */
    @Override
    public void close() {
        finish();
    }

    /** Sends every shard its buffered events (an empty batch still carries the watermark) and the watermark. */
    private void send(Instant wm) {
        try {
            for (int i = 0; i < shards.length; i++) {
                List<Shard.Keyed> batch = pending.get(i);
                shards[i].put(new Shard.Batch(batch, wm));
                pending.set(i, new ArrayList<>(batchSize));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing events to the engine", e);
        }
        pendingCount = 0;
    }

    /** The shard of a user's key: all of one user's events meet in one runtime. */
    static int shardOf(String key, int shards) {
        int h = key.hashCode();
        return Math.floorMod(h ^ (h >>> 16), shards);
    }

    private Instant minusLateness(Instant t) {
        return t.isBefore(Instant.MIN.plus(allowedLateness)) ? Instant.MIN : t.minus(allowedLateness);
    }
}
