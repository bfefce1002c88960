package io.aitmdefense.events.read;

import io.aitmdefense.events.Event;

/** Receives events as they are read. Readers call it from several threads at once: implementations are thread-safe. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);
}
