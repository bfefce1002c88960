package io.aitmdefense.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases every store test runs against: embedded H2 always, and the PostgreSQL server that
 * {@code scripts/test.sh} starts ({@code AITM_TEST_POSTGRES_URL}). Under CI a missing server fails the tests rather
 * than silently testing H2 alone.
 */
final class Backends {
    static final String POSTGRES_URL = System.getenv("AITM_TEST_POSTGRES_URL");

    private Backends() {
    }

    /** Names of the backends, for parameterized tests. */
    static List<String> names() {
        List<String> out = new ArrayList<>(List.of("h2"));
        if (POSTGRES_URL != null && !POSTGRES_URL.isBlank()) out.add("postgresql");
        else if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI runs the store tests on PostgreSQL too: AITM_TEST_POSTGRES_URL is not "
                    + "set; run the tests through scripts/test.sh, which starts the server");
        }
        return out;
    }

    /** A fresh, empty database of that backend: a new H2 file, or a new schema on the PostgreSQL server. */
    static String freshUrl(String backend) throws Exception {
        if (backend.equals("h2")) {
            Path dir = Files.createTempDirectory("aitm-store");
            return "jdbc:h2:file:" + dir.resolve("aitm") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static Connection raw(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
