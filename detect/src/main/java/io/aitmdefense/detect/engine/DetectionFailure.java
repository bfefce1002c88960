package io.aitmdefense.detect.engine;

import java.time.Instant;

/**
 * A detection threw while handling one event or timer. The run goes on: the call's effects are lost, nothing else.
 * {@code location} is the event's {@code file:line}, or {@code "timer"} for a timer callback.
 */
public record DetectionFailure(String detectionId, String user, Instant time, String location, String reason) {

    static DetectionFailure of(String detectionId, String user, Instant time, String location, RuntimeException cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0];
        return new DetectionFailure(detectionId, user, time, location, cause + where);
    }

    /** One line for the terminal: where, which detection, why. */
    public String message() {
        return location + ": detection " + detectionId + " failed for " + user + " at " + time + ": " + reason;
    }
}
