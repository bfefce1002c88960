package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.AlertSink;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * One engine thread and the keys hashed to it: a {@link KeyedRuntime} fed from a bounded queue of batches.
 * Each batch carries the watermark as of its sending; the shard processes the batch's events before advancing to
 * it, so an event the engine accepted is never behind this shard's watermark when it is processed. Alerts go to the
 * sink the moment a detection emits them. Everything but {@link #put} and {@link #processedWatermark} is read by the
 * engine only after the thread has ended.
 */
final class Shard implements Runnable {
    /**
     * Events for this shard, then the watermark to advance to; the last batch carries {@link Instant#MAX}. A batch
     * with {@code snapshot} asks for this shard's keys once it is processed: a barrier, between events.
     */
    record Batch(List<Keyed> events, Instant watermark, CompletableFuture<TreeMap<String, byte[]>> snapshot) {
        Batch(List<Keyed> events, Instant watermark) {
            this(events, watermark, null);
        }

        boolean last() {
            return watermark == Instant.MAX;
        }
    }

    /** An event with the key (and its number) and tenant the engine chose for it. */
    record Keyed(UserDirectory.Handle user, String tenant, Event event) {
    }

    private final BlockingQueue<Batch> queue;
    private final KeyedRuntime runtime;
    private final List<DetectionFailure> failures = new ArrayList<>();
    private final int maxFailures;
    private long failureCount;
    private long late;
    private Throwable crash;
    /** The watermark this shard has advanced to: every alert it will still emit is decided after it. */
    private volatile Instant processed = Instant.MIN;

    Shard(List<Detection> detections, Enrichment enrichment, AlertSink sink, UserDirectory directory, int queueBatches,
          int maxFailures) {
        this.queue = new ArrayBlockingQueue<>(queueBatches);
        this.maxFailures = maxFailures;
        this.runtime = new KeyedRuntime(detections, enrichment, sink::accept, (failure, cause) -> {
            failureCount++;
            if (failures.size() < this.maxFailures) failures.add(failure);
        }, directory, false);
    }

    /** The runtime, for restoring a snapshot into it before the thread starts. */
    KeyedRuntime runtime() {
        return runtime;
    }

    /** Waits while the queue is full: readers slow down to the engine's pace instead of buffering without bound. */
    void put(Batch batch) throws InterruptedException {
        queue.put(batch);
    }

    @Override
    public void run() {
        while (true) {
            Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                crash = e;
                return;
            }
            // after a crash keep draining, so that readers blocked on put() are never stuck
            if (crash == null) {
                try {
                    process(batch);
                } catch (RuntimeException | Error e) {
                    crash = e;
                }
            }
            if (batch.snapshot() != null) snapshot(batch.snapshot());
            if (batch.last()) return;
        }
    }

    private void process(Batch batch) {
        for (Keyed e : batch.events()) {
            if (e.event().time().isBefore(runtime.watermark())) late++;
            else runtime.process(e.user(), e.tenant(), e.event());
        }
        runtime.advanceWatermark(batch.watermark());
        processed = runtime.watermark();
    }

    private void snapshot(CompletableFuture<TreeMap<String, byte[]>> result) {
        if (crash != null) {
            result.completeExceptionally(new IllegalStateException("an engine shard failed: " + crash, crash));
            return;
        }
        try {
            result.complete(runtime.keyEntries());
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    Instant processedWatermark() {
        return processed;
    }

    List<DetectionFailure> failures() {
        return failures;
    }

    long failureCount() {
        return failureCount;
    }

    long late() {
        return late;
    }

    int peakLiveKeys() {
        return runtime.peakLiveKeys();
    }

    int peakStateEntries() {
        return runtime.peakStateEntries();
    }

    int liveKeys() {
        return runtime.liveKeys();
    }

    Throwable crash() {
        return crash;
    }
}
