package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Where each live source stopped, as an opaque text only the source understands (a timestamp and a nextLink, a
 * content cursor, Kafka offsets). A source advances it only after what it read is safely in the engine's state.
 */
public final class Checkpoints {
    private final Database db;

    Checkpoints(Database db) {
        this.db = db;
    }

    public Optional<String> get(String source) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT position FROM source_checkpoints WHERE source = ?")) {
                ps.setString(1, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void put(String source, String position, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE source_checkpoints SET position = ?, updated_at = ? WHERE source = ?")) {
                ps.setString(1, position);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, source);
                if (ps.executeUpdate() == 1) return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO source_checkpoints (source, position, updated_at) VALUES (?, ?, ?)")) {
                ps.setString(1, source);
                ps.setString(2, position);
                Sql.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
