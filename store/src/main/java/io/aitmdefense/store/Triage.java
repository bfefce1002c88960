package io.aitmdefense.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What responders decide about incidents: acknowledge, assign, mark a false positive (which suppresses the incident's
 * detections for its user), reopen. Each decision changes the incident's status, its triage row, its history and its
 * suppressions in one transaction, so a reader never sees a false positive without its suppressions.
 */
public final class Triage {
    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String FALSE_POSITIVE = "false-positive";

    /** An incident's triage state; {@code updatedBy} empty and {@code updatedAt} empty until a responder acts. */
    public record State(String status, String assignee, String reason, String updatedBy, Optional<Instant> updatedAt) {
    }

    private final Database db;

    Triage(Database db) {
        this.db = db;
    }

    /** The incident's state, empty when there is no such incident. */
    public Optional<State> state(String incidentId) {
        return db.transaction(c -> state(c, incidentId));
    }

    /** Every triaged incident's assignee, by incident id (for the queue). */
    public Map<String, String> assignees() {
        return db.transaction(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT incident_id, assignee FROM incident_triage");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    /** @return false when there is no such incident */
    public boolean acknowledge(String incidentId, String actor, Instant at) {
        return decide(incidentId, ACKNOWLEDGED, null, null, actor, at, c -> { });
    }

    public boolean assign(String incidentId, String assignee, String actor, Instant at) {
        return decide(incidentId, null, assignee, null, actor, at, c -> { });
    }

    /** Marks a false positive and suppresses each of {@code detections} for the incident's user. */
    public boolean falsePositive(String incidentId, String reason, Set<String> detections, String actor, Instant at) {
        return decide(incidentId, FALSE_POSITIVE, null, reason, actor, at, c -> {
            String[] who = tenantAndUser(c, incidentId);
            for (String d : detections.stream().sorted().toList()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO suppressions (tenant, user_key, detection, "
                        + "incident_id, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, who[0]);
                    ps.setString(2, who[1]);
                    ps.setString(3, d);
                    ps.setString(4, incidentId);
                    ps.setString(5, reason);
                    ps.setString(6, actor);
                    Sql.setInstant(ps, 7, at);
                    ps.executeUpdate();
                }
            }
        });
    }

    /** Opens the incident again and lifts the suppressions its false-positive marking made. */
    public boolean reopen(String incidentId, String actor, Instant at) {
        return decide(incidentId, OPEN, null, "", actor, at, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE suppressions SET lifted_by = ?, lifted_at = ? "
                    + "WHERE incident_id = ? AND lifted_at IS NULL")) {
                ps.setString(1, actor);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, incidentId);
                ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Also {
        void run(Connection c) throws SQLException;
    }

    /** Applies one decision; a null status, assignee or reason keeps the current one. */
    private boolean decide(String incidentId, String status, String assignee, String reason, String actor, Instant at,
                           Also also) {
        return db.transaction(c -> {
            Optional<State> old = state(c, incidentId);
            if (old.isEmpty()) return false;
            State s = old.get();
            String newStatus = status == null ? s.status() : status;
            String newAssignee = assignee == null ? s.assignee() : assignee;
            String newReason = reason == null ? s.reason() : reason;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE incidents SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?")) {
                ps.setString(1, newStatus);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, incidentId);
                ps.executeUpdate();
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE incident_triage SET assignee = ?, reason = ?, "
                    + "updated_by = ?, updated_at = ? WHERE incident_id = ?")) {
                ps.setString(1, newAssignee);
                ps.setString(2, newReason);
                ps.setString(3, actor);
                Sql.setInstant(ps, 4, at);
                ps.setString(5, incidentId);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_triage (incident_id, assignee, "
                        + "reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, incidentId);
                    ps.setString(2, newAssignee);
                    ps.setString(3, newReason);
                    ps.setString(4, actor);
                    Sql.setInstant(ps, 5, at);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO incident_updates (incident_id, changes, at) VALUES (?, ?, ?)")) {
                ps.setString(1, incidentId);
                String change = status != null ? "STATUS:" + newStatus : "ASSIGNED:" + newAssignee;
                ps.setString(2, change.length() > 200 ? change.substring(0, 200) : change);
                Sql.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            also.run(c);
            return true;
        });
    }

    private static Optional<State> state(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT i.status, t.assignee, t.reason, t.updated_by, t.updated_at "
                + "FROM incidents i LEFT JOIN incident_triage t ON t.incident_id = i.id WHERE i.id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                String by = rs.getString(4);
                return Optional.of(new State(rs.getString(1), by == null ? "" : rs.getString(2),
                        by == null ? "" : rs.getString(3), by == null ? "" : by,
                        by == null ? Optional.empty() : Optional.of(Sql.instant(rs, "updated_at"))));
            }
        }
    }

    private static String[] tenantAndUser(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant, user_key FROM incidents WHERE id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }
}
