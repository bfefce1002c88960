package io.aitmdefense.server.engine;

import io.aitmdefense.events.Event;
import io.aitmdefense.model.Alert;

import java.util.function.Consumer;

/**
 * A correlation beside the keyed engine, for what no single user's key holds (a canary hit names an address, not a
 * user): it sees every event the sources deliver, reads input of its own that arrives outside the logs, and raises
 * alerts into the same incident tracker. Its position is snapshotted with the sources', so a restart neither repeats
 * nor skips its input.
 */
public interface SideCorrelation {
    String name();

    /** An event on its way to the engine. */
    void observe(Event e, Consumer<Alert> raise);

    /** Reads what arrived since the last call; returns how many items it read. */
    int poll(Consumer<Alert> raise);

    String position();

    /** Resumes after a restart from a position {@link #position} gave. */
    void restore(String position);
}
