package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.LogTable;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each table to its format and writes one file per table and arrival day:
 * {@code LOGS/<format>/<table folder>/<yyyy-MM-dd>.json[.gz]}. Records must arrive in arrival order; a day's files are
 * closed when the first record of a later day comes, so only one file per table is open at a time.
 */
public final class LogFiles implements AutoCloseable {
    private final Path out;
    private final boolean gzip;
    private final Map<LogTable, OutputFormat> routes;
    private final Map<OutputFormat, RecordWriter> writers = new EnumMap<>(OutputFormat.class);
    private final Map<LogTable, TableFile> open = new EnumMap<>(LogTable.class);
    private final Map<LogTable, LocalDate> openDay = new EnumMap<>(LogTable.class);
    private final Map<LogTable, Long> rows = new EnumMap<>(LogTable.class);
    private final List<WrittenFile> written = new ArrayList<>();
    private final JsonFactory factory;

    public LogFiles(Path out, Tenant tenant, Map<LogTable, OutputFormat> routes, boolean gzip) {
        this.out = out;
        this.gzip = gzip;
        this.routes = routes;
        this.factory = JsonFactory.builder().build();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        Nested nested = new Nested(factory);
        for (OutputFormat f : routes.values()) {
            writers.computeIfAbsent(f, k -> switch (k) {
                case LOG_ANALYTICS -> new LogAnalyticsWriter(tenant, nested);
                case EVENT_HUBS -> new EventHubsWriter(tenant, nested);
                case GRAPH -> new GraphWriter(tenant, nested);
                case MANAGEMENT_API -> new ManagementApiWriter(tenant, nested);
            });
        }
    }

    public void write(LogRecord r) throws IOException {
        LogTable table = r.table();
        OutputFormat format = routes.get(table);
        if (format == null) return;
        LocalDate day = LocalDate.ofInstant(r.arrival(), ZoneOffset.UTC);
        TableFile file = open.get(table);
        if (file == null || !day.equals(openDay.get(table))) {
            if (file != null) finish(table, file);
            String name = day + (format == OutputFormat.LOG_ANALYTICS ? ".ndjson" : ".json") + (gzip ? ".gz" : "");
            file = new TableFile(out.resolve(format.code()).resolve(format.folder(table)).resolve(name), format, table,
                    writers.get(format), factory, gzip);
            open.put(table, file);
            openDay.put(table, day);
        }
        file.write(r);
        rows.merge(table, 1L, Long::sum);
    }

    private void finish(LogTable table, TableFile file) throws IOException {
        file.close();
        written.add(file.summary());
        open.remove(table);
    }

    /** Records written per table (tables without a route are not written and not counted). */
    public Map<LogTable, Long> rows() {
        return new EnumMap<>(rows);
    }

    public List<WrittenFile> files() {
        return List.copyOf(written);
    }

    @Override
    public void close() throws IOException {
        for (LogTable t : new ArrayList<>(open.keySet())) finish(t, open.get(t));
        written.sort(java.util.Comparator.comparing(WrittenFile::path));
    }
}
