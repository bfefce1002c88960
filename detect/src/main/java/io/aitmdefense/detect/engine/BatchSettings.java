package io.aitmdefense.detect.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link TimeOrderedBatch} holds a batch: events are grouped into buckets {@code bucketWidth} of event time wide,
 * at most {@code memoryBudgetBytes} of encoded events stay in memory and the rest is written to temporary files under
 * {@code tempParent}.
 */
public record BatchSettings(Duration bucketWidth, long memoryBudgetBytes, Path tempParent) {
    public static final Duration DEFAULT_BUCKET_WIDTH = Duration.ofMinutes(10);
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    public BatchSettings {
        if (bucketWidth.getSeconds() < 1 || bucketWidth.getNano() != 0) {
            throw new IllegalArgumentException("bucketWidth must be whole seconds, at least one: " + bucketWidth);
        }
        if (memoryBudgetBytes < 0) throw new IllegalArgumentException("memoryBudgetBytes is negative: " + memoryBudgetBytes);
    }

    /**
     * Ten-minute buckets in the temp folder, held in memory up to a sixteenth of the heap (at most
     * {@link #DEFAULT_MEMORY_BUDGET}): the replay holds a copy of the bucket it decodes besides (a busy hour of a
     * 50,000-user tenant is 220 MB of encoded events, ten minutes a sixth of it), detection state and the campaign
     * view need the rest, and a spilled bucket costs one sequential write and read through the page cache.
     */
    public static BatchSettings defaults() {
        long budget = Math.max(16L << 20, Math.min(DEFAULT_MEMORY_BUDGET, Runtime.getRuntime().maxMemory() / 16));
        return new BatchSettings(DEFAULT_BUCKET_WIDTH, budget, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public BatchSettings withMemoryBudget(long bytes) {
        return new BatchSettings(bucketWidth, bytes, tempParent);
    }

    public BatchSettings withBucketWidth(Duration width) {
        return new BatchSettings(width, memoryBudgetBytes, tempParent);
    }

    public BatchSettings withTempParent(Path dir) {
        return new BatchSettings(bucketWidth, memoryBudgetBytes, dir);
    }
}
