package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;

import java.util.List;

/**
 * The outcome of a run: alerts in {@link AlertOrder} (when the engine gathered them rather than streaming them to a sink) (the same list whatever the input order or shard count within
 * the allowed lateness), the run's numbers, and the first {@link LocalEngine#MAX_REPORTED_FAILURES} detection
 * failures ({@link EngineStats#detectionFailures()} has the full count).
 */
public record EngineResult(List<Alert> alerts, EngineStats stats, List<DetectionFailure> failures) {
    public EngineResult {
        alerts = List.copyOf(alerts);
        failures = List.copyOf(failures);
    }
}
