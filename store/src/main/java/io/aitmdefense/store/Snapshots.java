package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Engine snapshots: keyed state, timers, watermarks and source positions taken together, as the engine encodes them.
 * The newest {@link #KEEP} are kept, so a snapshot that turns out unreadable still has a predecessor.
 */
public final class Snapshots {
    static final int KEEP = 3;

    private final Database db;

    Snapshots(Database db) {
        this.db = db;
    }

    /** An engine's snapshot: its sequence number, when it was taken, the encoding's format version and the bytes. */
    public record Snapshot(long seq, Instant takenAt, int format, byte[] data) {
    }

    public long save(String engine, int format, byte[] data, Instant at) {
        return db.transaction(c -> {
            long seq = 1;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM engine_snapshots WHERE engine = ?")) {
                ps.setString(1, engine);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) seq = rs.getLong(1) + 1;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO engine_snapshots (engine, seq, taken_at, format, data) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, engine);
                ps.setLong(2, seq);
                Sql.setInstant(ps, 3, at);
                ps.setInt(4, format);
                ps.setBytes(5, data);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM engine_snapshots WHERE engine = ? AND seq <= ?")) {
                ps.setString(1, engine);
                ps.setLong(2, seq - KEEP);
                ps.executeUpdate();
            }
            return seq;
        });
    }

    public Optional<Snapshot> latest(String engine) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, taken_at, format, data FROM engine_snapshots "
                    + "WHERE engine = ? ORDER BY seq DESC LIMIT 1")) {
                ps.setString(1, engine);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Snapshot(rs.getLong("seq"), Sql.instant(rs, "taken_at"),
                            rs.getInt("format"), rs.getBytes("data")));
                }
            }
        });
    }
}
