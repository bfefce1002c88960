package io.aitmdefense.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Incidents and the history of their updates (created, alert added, severity raised, …). */
public final class IncidentStore {
    private static final String COLUMNS =
            "id, tenant, user_key, user_name, severity, status, first_seen, last_seen, updated_at, version, body";

    private final Database db;

    IncidentStore(Database db) {
        this.db = db;
    }

    /**
     * Saves the incident's new state and records what changed, in one transaction. The status is kept from the stored
     * row when one exists: an analyst's acknowledgement is not undone by the engine's next update.
     *
     * @return the stored row
     */
    public IncidentRow save(IncidentRow incident, Set<String> changes) {
        return db.transaction(c -> {
            Optional<IncidentRow> old = get(c, incident.id());
            IncidentRow row;
            if (old.isPresent()) {
                row = new IncidentRow(incident.id(), incident.tenant(), incident.userKey(), incident.user(),
                        incident.severity(), old.get().status(), incident.firstSeen(), incident.lastSeen(),
                        incident.updatedAt(), old.get().version() + 1, incident.body());
                try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET tenant = ?, user_key = ?, "
                        + "user_name = ?, severity = ?, first_seen = ?, last_seen = ?, updated_at = ?, version = ?, "
                        + "body = ? WHERE id = ?")) {
                    ps.setString(1, row.tenant());
                    ps.setString(2, row.userKey());
                    ps.setString(3, row.user());
                    ps.setString(4, row.severity());
                    Sql.setInstant(ps, 5, row.firstSeen());
                    Sql.setInstant(ps, 6, row.lastSeen());
                    Sql.setInstant(ps, 7, row.updatedAt());
                    ps.setLong(8, row.version());
                    ps.setString(9, row.body());
                    ps.setString(10, row.id());
                    ps.executeUpdate();
                }
            } else {
                row = new IncidentRow(incident.id(), incident.tenant(), incident.userKey(), incident.user(),
                        incident.severity(), incident.status(), incident.firstSeen(), incident.lastSeen(),
                        incident.updatedAt(), 1, incident.body());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, row.id());
                    ps.setString(2, row.tenant());
                    ps.setString(3, row.userKey());
                    ps.setString(4, row.user());
                    ps.setString(5, row.severity());
                    ps.setString(6, row.status());
                    Sql.setInstant(ps, 7, row.firstSeen());
                    Sql.setInstant(ps, 8, row.lastSeen());
                    Sql.setInstant(ps, 9, row.updatedAt());
                    ps.setLong(10, row.version());
                    ps.setString(11, row.body());
                    ps.executeUpdate();
                }
            }
            if (!changes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO incident_updates (incident_id, changes, at) VALUES (?, ?, ?)")) {
                    ps.setString(1, row.id());
                    ps.setString(2, String.join(",", changes.stream().sorted().toList()));
                    Sql.setInstant(ps, 3, row.updatedAt());
                    ps.executeUpdate();
                }
            }
            return row;
        });
    }

    /** Sets the analyst-facing status (open, acknowledged, false-positive, closed). */
    public boolean setStatus(String id, String status, Instant at) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE incidents SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?")) {
                ps.setString(1, status);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, id);
                if (ps.executeUpdate() == 0) return false;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO incident_updates (incident_id, changes, at) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, "STATUS:" + status);
                Sql.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            return true;
        });
    }

    public Optional<IncidentRow> get(String id) {
        return db.transaction(c -> get(c, id));
    }

    public List<IncidentRow> list(IncidentQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.tenant().ifPresent(t -> {
            sql.append(" AND tenant = ?");
            args.add(t);
        });
        q.user().ifPresent(u -> {
            sql.append(" AND (LOWER(user_name) = ? OR user_key = ?)");
            args.add(u.toLowerCase(java.util.Locale.ROOT));
            args.add(u.toLowerCase(java.util.Locale.ROOT));
        });
        in(sql, args, "severity", q.severities());
        in(sql, args, "status", q.statuses());
        q.updatedSince().ifPresent(t -> {
            sql.append(" AND updated_at >= ?");
            args.add(t);
        });
        sql.append(" ORDER BY updated_at DESC, id LIMIT ").append(Math.max(1, q.limit()));
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i) instanceof Instant t) Sql.setInstant(ps, i + 1, t);
                    else ps.setString(i + 1, (String) args.get(i));
                }
                List<IncidentRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    /** The recorded changes of one incident, oldest first, as {@code at changes}. */
    public List<IncidentChange> history(String id) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT changes, at FROM incident_updates WHERE incident_id = ? ORDER BY seq")) {
                ps.setString(1, id);
                List<IncidentChange> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new IncidentChange(Sql.instant(rs, "at"), rs.getString("changes")));
                }
                return out;
            }
        });
    }

    /** One recorded update: when, and the comma-separated changes. */
    public record IncidentChange(Instant at, String changes) {
    }

    private static void in(StringBuilder sql, List<Object> args, String column, Set<String> values) {
        if (values.isEmpty()) return;
        sql.append(" AND ").append(column).append(" IN (");
        sql.append(String.join(", ", values.stream().map(v -> "?").toList())).append(')');
        args.addAll(values.stream().sorted().toList());
    }

    private static Optional<IncidentRow> get(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static IncidentRow row(ResultSet rs) throws SQLException {
        return new IncidentRow(rs.getString("id"), rs.getString("tenant"), rs.getString("user_key"),
                rs.getString("user_name"), rs.getString("severity"), rs.getString("status"),
                Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen"), Sql.instant(rs, "updated_at"),
                rs.getLong("version"), rs.getString("body"));
    }
}
