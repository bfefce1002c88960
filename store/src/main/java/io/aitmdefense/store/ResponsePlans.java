package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Response plans as their published JSON, with the status a queue shows (planned, approved, running, done, failed). */
public final class ResponsePlans {
    private final Database db;

    ResponsePlans(Database db) {
        this.db = db;
    }

    public record PlanRow(String id, String incidentId, String status, Instant updatedAt, String body) {
    }

    public void save(PlanRow plan) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE response_plans SET incident_id = ?, status = ?, updated_at = ?, body = ? WHERE id = ?")) {
                ps.setString(1, plan.incidentId());
                ps.setString(2, plan.status());
                Sql.setInstant(ps, 3, plan.updatedAt());
                ps.setString(4, plan.body());
                ps.setString(5, plan.id());
                if (ps.executeUpdate() == 1) return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO response_plans (id, incident_id, status, updated_at, body) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, plan.id());
                ps.setString(2, plan.incidentId());
                ps.setString(3, plan.status());
                Sql.setInstant(ps, 4, plan.updatedAt());
                ps.setString(5, plan.body());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<PlanRow> get(String id) {
        List<PlanRow> rows = query("SELECT * FROM response_plans WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public List<PlanRow> ofIncident(String incidentId) {
        return query("SELECT * FROM response_plans WHERE incident_id = ? ORDER BY updated_at, id", incidentId);
    }

    private List<PlanRow> query(String sql, String arg) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                List<PlanRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PlanRow(rs.getString("id"), rs.getString("incident_id"), rs.getString("status"),
                                Sql.instant(rs, "updated_at"), rs.getString("body")));
                    }
                }
                return out;
            }
        });
    }
}
