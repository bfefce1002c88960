package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.map.RecordMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a live source has passed on, for its status, and the one way a source turns a JSON record into an event: the
 * readers' per-record mapping, so every shape an export file may hold works live too.
 */
final class Delivery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private long delivered;
    private long rejected;
    private Instant newest;

    /**
     * Maps one record and hands its event on.
     *
     * @return 1 when an event was delivered, 0 when the record was skipped or rejected
     */
    int record(JsonNode record, Source source, Consumer<Event> out) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        RecordMapper.Result r = RecordMapper.map(JsonRow.parse(bytes), source);
        if (r instanceof RecordMapper.Mapped m) {
            event(m.event(), out);
            return 1;
        }
        if (r instanceof RecordMapper.Rejected) rejected++;
        return 0;
    }

    /** Hands on an event read some other way (a whole file through the readers). */
    void event(Event e, Consumer<Event> out) {
        out.accept(e);
        delivered++;
        if (newest == null || e.time().isAfter(newest)) newest = e.time();
    }

    void rejected(long n) {
        rejected += n;
    }

    SourceStatus status(String name, String kind, Instant lastPoll, String lastError) {
        return new SourceStatus(name, kind, delivered, rejected, Optional.ofNullable(lastPoll),
                Optional.ofNullable(newest), Optional.ofNullable(lastError));
    }
}
