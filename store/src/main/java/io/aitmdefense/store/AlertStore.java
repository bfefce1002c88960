package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts by their stable id. Inserting is idempotent: a source that delivers a record twice after a restart, or a
 * Flink job replaying from its last checkpoint, produces the same alert id and the second insert is a no-op.
 */
public final class AlertStore {
    private final Database db;

    AlertStore(Database db) {
        this.db = db;
    }

    /** @return whether the alert was new */
    public boolean insert(AlertRow a) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (id, tenant, user_key, detection, "
                    + "severity, start_time, end_time, stored_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, a.id());
                ps.setString(2, a.tenant());
                ps.setString(3, a.userKey());
                ps.setString(4, a.detection());
                ps.setString(5, a.severity());
                Sql.setInstant(ps, 6, a.start());
                Sql.setInstant(ps, 7, a.end());
                Sql.setInstant(ps, 8, a.storedAt());
                ps.setString(9, a.body());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** One user's alerts in start-time order. */
    public List<AlertRow> ofUser(String tenant, String userKey) {
        return query("SELECT * FROM alerts WHERE tenant = ? AND user_key = ? ORDER BY start_time, id", tenant, userKey);
    }

    public List<AlertRow> all() {
        return query("SELECT * FROM alerts ORDER BY start_time, id");
    }

    public long count() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<AlertRow> query(String sql, String... args) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
                List<AlertRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    private static AlertRow row(ResultSet rs) throws SQLException {
        return new AlertRow(rs.getString("id"), rs.getString("tenant"), rs.getString("user_key"),
                rs.getString("detection"), rs.getString("severity"), Sql.instant(rs, "start_time"),
                Sql.instant(rs, "end_time"), Sql.instant(rs, "stored_at"), rs.getString("body"));
    }
}
