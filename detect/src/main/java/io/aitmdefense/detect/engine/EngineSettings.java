package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.config.DetectConfig;

import java.time.Duration;

/**
 * How the local engine runs. {@code batchSize} events per shard travel together to keep the hand-off between
 * threads cheap; each shard queues at most {@code queueBatches} batches before readers wait for it.
 */
public record EngineSettings(Duration allowedLateness, int shards, int batchSize, int queueBatches) {
    public static final int DEFAULT_BATCH_SIZE = 512;
    public static final int DEFAULT_QUEUE_BATCHES = 8;

    public EngineSettings {
        if (allowedLateness.isNegative()) throw new IllegalArgumentException("allowedLateness is negative: " + allowedLateness);
        if (shards < 1) throw new IllegalArgumentException("shards must be at least 1, was " + shards);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        if (queueBatches < 1) throw new IllegalArgumentException("queueBatches must be at least 1, was " + queueBatches);
    }

    public static EngineSettings of(Duration allowedLateness, int shards) {
        return new EngineSettings(allowedLateness, shards, DEFAULT_BATCH_SIZE, DEFAULT_QUEUE_BATCHES);
    }

    /** {@code engine.allowedLateness} and {@code engine.shards} (0 = one per core) from the configuration. */
    public static EngineSettings from(DetectConfig config) {
        return of(config.allowedLateness(), config.shards());
    }

    public EngineSettings withAllowedLateness(Duration d) {
        return new EngineSettings(d, shards, batchSize, queueBatches);
    }

    public EngineSettings withShards(int n) {
        return new EngineSettings(allowedLateness, n, batchSize, queueBatches);
    }

    public EngineSettings withBatchSize(int n) {
        return new EngineSettings(allowedLateness, shards, n, queueBatches);
    }
}
