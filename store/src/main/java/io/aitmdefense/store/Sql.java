package io.aitmdefense.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as {@code TIMESTAMP WITH TIME ZONE} the same way on H2 and PostgreSQL. */
final class Sql {
    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Whether the exception says a primary key or unique constraint refused the row (SQL state class 23505). */
    static boolean duplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
