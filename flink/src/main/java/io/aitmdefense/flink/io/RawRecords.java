package io.aitmdefense.flink.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.map.RecordMapper;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns one message value into events the way {@code aitm serve}'s Kafka source does: a diagnostic-settings envelope
 * ({@code {"records":[…]}}, what an Event Hub carries) or a single log row, each row through the readers' per-record
 * mapping, so every shape an export file may hold works in the job too.
 */
public final class RawRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many rows of a message were mapped and how many refused. */
    public record Outcome(int mapped, int rejected) {
    }

    private RawRecords() {
    }

    /**
     * @param where the message's place ({@code topic/partition@offset}): each event's source names it with the row's
     *              position inside the envelope, as evidence will cite it
     */
    public static Outcome map(byte[] value, String where, Consumer<Event> out) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (IOException | RuntimeException e) {
            return new Outcome(0, 1);
        }
        if (tree == null) return new Outcome(0, 1);
        int mapped = 0, rejected = 0;
        long line = 0;
        Iterable<JsonNode> rows = tree.path("records").isArray() ? tree.get("records") : java.util.List.of(tree);
        for (JsonNode row : rows) {
            line++;
            if (!row.isObject()) {
                rejected++;
                continue;
            }
            RecordMapper.Result r;
            try {
                r = RecordMapper.map(JsonRow.parse(JSON.writeValueAsBytes(row)), new Source(where, line));
            } catch (IOException | RuntimeException e) {
                rejected++;
                continue;
            }
            if (r instanceof RecordMapper.Mapped m) {
                out.accept(m.event());
                mapped++;
            } else if (r instanceof RecordMapper.Rejected) {
                rejected++;
            }
        }
        return new Outcome(mapped, rejected);
    }
}
