package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Suppressions made by marking incidents false positives ({@link Triage#falsePositive}): a detection for one user of
 * one tenant. Read-only here; they are made and lifted only with the incident decision that explains them.
 */
public final class Suppressions {
    private final Database db;

    Suppressions(Database db) {
        this.db = db;
    }

    /** One suppression; {@code liftedBy}/{@code liftedAt} are set once its incident was reopened. */
    public record Suppression(long id, String tenant, String userKey, String detection, String incidentId, String reason,
                              String createdBy, Instant createdAt, Optional<String> liftedBy, Optional<Instant> liftedAt) {
        public boolean active() {
            return liftedAt.isEmpty();
        }
    }

    /** Every suppression, active and lifted, oldest first. */
    public List<Suppression> all() {
        return query("SELECT * FROM suppressions ORDER BY id", null);
    }

    /** Suppressions made for one incident, oldest first. */
    public List<Suppression> ofIncident(String incidentId) {
        return query("SELECT * FROM suppressions WHERE incident_id = ? ORDER BY id", incidentId);
    }

    /** The active suppression of this detection for this user, if any (the oldest). */
    public Optional<Suppression> matching(String tenant, String userKey, String detection) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM suppressions WHERE tenant = ? AND user_key = ? "
                    + "AND detection = ? AND lifted_at IS NULL ORDER BY id")) {
                ps.setString(1, tenant);
                ps.setString(2, userKey);
                ps.setString(3, detection);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    private List<Suppression> query(String sql, String arg) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (arg != null) ps.setString(1, arg);
                List<Suppression> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    private static Suppression row(ResultSet rs) throws java.sql.SQLException {
        String liftedBy = rs.getString("lifted_by");
        return new Suppression(rs.getLong("id"), rs.getString("tenant"), rs.getString("user_key"),
                rs.getString("detection"), rs.getString("incident_id"), rs.getString("reason"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Optional.ofNullable(liftedBy),
                liftedBy == null ? Optional.empty() : Optional.of(Sql.instant(rs, "lifted_at")));
    }
}
