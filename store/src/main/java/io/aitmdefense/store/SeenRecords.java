package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Record ids each source has already delivered. Polling windows overlap on purpose (late records arrive inside the
 * overlap), so every record id is checked here before it reaches the engine; ids older than the overlap are pruned.
 */
public final class SeenRecords {
    private final Database db;

    SeenRecords(Database db) {
        this.db = db;
    }

    /** Marks the ids seen and returns those that were not seen before, in the given order. */
    public List<String> firstSightings(String source, Collection<String> recordIds, Instant at) {
        return db.transaction(c -> {
            List<String> fresh = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO seen_records (source, record_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String id : recordIds) {
                    ps.setString(1, source);
                    ps.setString(2, id);
                    Sql.setInstant(ps, 3, at);
                    if (ps.executeUpdate() == 1) fresh.add(id);
                }
            }
            return fresh;
        });
    }

    /** Forgets ids seen before {@code before}; returns how many. */
    public int prune(Instant before) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM seen_records WHERE seen_at < ?")) {
                Sql.setInstant(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }
}
