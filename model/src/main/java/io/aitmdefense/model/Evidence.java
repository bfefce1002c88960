package io.aitmdefense.model;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.Source;

import java.time.Instant;

/** A reference to one log record behind an alert, with a one-line summary of what it shows. */
public record Evidence(Source source, EventKind kind, Instant time, String summary) {
    public static Evidence of(Event e, String summary) {
        return new Evidence(e.source(), e.kind(), e.time(), summary);
    }
}
