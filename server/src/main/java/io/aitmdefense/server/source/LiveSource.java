package io.aitmdefense.server.source;

import io.aitmdefense.events.Event;

import java.util.function.Consumer;

/**
 * A source the service reads continuously: a watched folder, Graph polling, the Management Activity API, a Kafka
 * topic. The service calls {@link #poll} from one thread. Its {@link #position} is taken into every engine snapshot
 * together with the engine's state, and handed back through {@link #restore} after a restart: the records after that
 * position are read again, into state restored to the same moment, so nothing is lost and nothing counted twice.
 */
public interface LiveSource {

    /** Stable name, unique in the service: {@code folder:/var/aitm/inbox}, {@code graph:signIns:<tenant>}. */
    String name();

    /**
     * Delivers what is new since the last call to {@code out}, in order, and moves the position past it.
     *
     * @return how many events were delivered
     */
    int poll(Consumer<Event> out) throws Exception;

    /** Where the source stands, as text only it understands. */
    String position();

    /** Resumes from a position this source returned earlier. */
    void restore(String position);

    /** For the health endpoint and the console: lag, last error, counts. */
    SourceStatus status();
}
