package io.aitmdefense.detect.engine;

/**
 * What a run saw and held. {@code events} counts every event accepted, late ones included. The peaks are the
 * sum over shards of each shard's peak, an upper bound of what the engine held at any one moment.
 */
public record EngineStats(long events, long lateEvents, long peakLiveKeys, long peakStateEntries,
                          long detectionFailures, int shards) {
}
