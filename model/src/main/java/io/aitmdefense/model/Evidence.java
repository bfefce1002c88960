package io.aitmdefense.model;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;

import java.time.Instant;

/** One log record behind an alert: where it is, what it is, when it happened (its own event time), one line. */
public record Evidence(RecordRef record, EventKind kind, Instant time, String summary) {
    public static Evidence of(Event e, String summary) {
        return new Evidence(RecordRef.of(e), e.kind(), e.time(), summary);
    }
}
