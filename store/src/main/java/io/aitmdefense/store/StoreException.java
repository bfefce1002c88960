package io.aitmdefense.store;

import java.sql.SQLException;

/** The database could not do what was asked: unreachable, full, or refusing the statement. */
public final class StoreException extends RuntimeException {
    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreException of(String what, SQLException e) {
        // SQL state and message only: the driver's text can echo the URL, so it is redacted too
        return new StoreException(what + ": " + JdbcUrls.redact(e.getMessage()) + " (SQL state " + e.getSQLState() + ")", e);
    }
}
