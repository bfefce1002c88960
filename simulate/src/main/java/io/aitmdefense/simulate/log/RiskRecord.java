package io.aitmdefense.simulate.log;

import io.aitmdefense.simulate.tenant.Place;
import io.aitmdefense.simulate.tenant.User;

import java.time.Instant;

/** One Identity Protection risk detection; {@code time} is the activity time, {@code detected} when it was raised. */
public record RiskRecord(Instant time, Instant detected, Instant arrival, String id, String requestId, String correlationId,
                         User user, String riskEventType, String level, String state, String detail, String timing,
                         String ip, Place place, String userAgent) implements LogRecord {
    @Override
    public LogTable table() {
        return LogTable.RISK_DETECTIONS;
    }
}
