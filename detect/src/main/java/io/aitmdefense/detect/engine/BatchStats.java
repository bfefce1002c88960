package io.aitmdefense.detect.engine;

/**
 * What a {@link TimeOrderedBatch} held. Bytes are encoded event bytes including each event's length prefix;
 * {@code peakMemoryBytes} never exceeds the budget. {@code spills} counts the times memory was written out.
 */
public record BatchStats(long events, long encodedBytes, long spilledBytes, long peakMemoryBytes, long memoryBudgetBytes,
                         int buckets, int spills) {
    public static final BatchStats NONE = new BatchStats(0, 0, 0, 0, 0, 0, 0);
}
