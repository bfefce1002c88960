package io.aitmdefense.flink.io;

import io.aitmdefense.flink.detect.IncidentChange;
import io.aitmdefense.model.Alert;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.store.AlertRow;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.HashSet;

/**
 * Writes alerts and incident updates into the database {@code aitm serve} uses (same migrations, same DAO), so the
 * console can sit on a Flink deployment. Idempotent: an alert is inserted once by its stable id ({@code ON CONFLICT DO
 * NOTHING}) and an incident row is its latest state by id, so the replays of at-least-once delivery change nothing but
 * the incident's update history. Each write is its own transaction: nothing is buffered past a checkpoint.
 */
public final class StoreSink<T> implements Sink<T> {
    /** How one value is stored. */
    @FunctionalInterface
    public interface Store<T> extends Serializable {
        void write(Database db, T value, Clock clock) throws IOException;
    }

    private final String jdbcUrl;
    private final Store<T> store;

    private StoreSink(String jdbcUrl, Store<T> store) {
        this.jdbcUrl = jdbcUrl;
        this.store = store;
    }

    public static StoreSink<Alert> alerts(String jdbcUrl) {
        return new StoreSink<>(jdbcUrl, (db, a, clock) -> db.alerts().insert(new AlertRow(a.id(), a.tenant(), a.userKey(),
                a.detectionId(), a.severity().label(), a.start(), a.end(), clock.instant(), IncidentsJson.alertLine(a))));
    }

    public static StoreSink<IncidentChange> incidents(String jdbcUrl) {
        return new StoreSink<>(jdbcUrl, (db, c, clock) -> db.incidents().save(new IncidentRow(c.id(), c.tenant(), c.userKey(),
                c.user(), c.severity(), "open", c.start(), c.end(), clock.instant(), 0, c.body()), new HashSet<>(c.changes())));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Database db = Database.open(jdbcUrl);
        Clock clock = Clock.systemUTC();
        return new SinkWriter<>() {
            @Override
            public void write(T value, Context ctx) throws IOException {
                store.write(db, value, clock);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }
}
