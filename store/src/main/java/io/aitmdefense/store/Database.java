package io.aitmdefense.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's database: an embedded H2 file by default (nothing to install), PostgreSQL for teams. Opening it
 * migrates the schema with Flyway; one migration history serves both, written in the SQL subset they share.
 * Thread-safe: a small connection pool serves every caller.
 */
public final class Database implements AutoCloseable {
    private static final String MIGRATIONS = "classpath:io/aitmdefense/store/migration";

    private final HikariDataSource pool;
    private final String description;
    /** Audit appends of this process take turns: compare-and-set alone would make them retry each other. */
    final Object auditLock = new Object();

    private Database(HikariDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    /**
     * The embedded database in {@code dir} (created if absent). PostgreSQL mode with lower-case names keeps the SQL
     * the same as on a PostgreSQL server.
     */
    public static Database embedded(Path dir) {
        Path file = dir.toAbsolutePath().resolve("aitm");
        return open("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    /**
     * A database by JDBC URL ({@code jdbc:h2:…} or {@code jdbc:postgresql://host/db?user=…&password=…}), migrated to
     * the current schema.
     *
     * @throws StoreException if it cannot be reached or migrated; the message never holds the URL's password
     */
    public static Database open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("unsupported database URL " + JdbcUrls.redact(jdbcUrl)
                    + ": use jdbc:postgresql://… or jdbc:h2:file:…");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("aitm-store");
        config.setMaximumPoolSize(4);
        // fail fast and clearly when the server is down (one attempt), instead of Hikari's 30 s of retries
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + JdbcUrls.redact(jdbcUrl) + ": " + JdbcUrls.redact(rootMessage(e)), null);
        }
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate " + JdbcUrls.redact(jdbcUrl) + ": " + JdbcUrls.redact(rootMessage(e)), null);
        }
        return new Database(pool, JdbcUrls.redact(jdbcUrl));
    }

    public IncidentStore incidents() {
        return new IncidentStore(this);
    }

    public AlertStore alerts() {
        return new AlertStore(this);
    }

    public Checkpoints checkpoints() {
        return new Checkpoints(this);
    }

    public SeenRecords seenRecords() {
        return new SeenRecords(this);
    }

    public Snapshots snapshots() {
        return new Snapshots(this);
    }

    public AuditLog audit() {
        return new AuditLog(this);
    }

    public ResponsePlans plans() {
        return new ResponsePlans(this);
    }

    public Triage triage() {
        return new Triage(this);
    }

    public Suppressions suppressions() {
        return new Suppressions(this);
    }

    public ConsoleUsers users() {
        return new ConsoleUsers(this);
    }

    /** The URL without its password, for messages. */
    public String description() {
        return description;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.of("database " + description, e);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
