package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.LogTable;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One output file of one table in one format, with the format's framing: NDJSON lines (Log Analytics), one
 * {@code {"records":[…]}} batch per line (Event Hubs), one {@code {"value":[…]}} page per line (Graph), or a JSON
 * array with one record per line (Management Activity API content).
 */
final class TableFile implements AutoCloseable {
    private static final int BATCH = 50;
    private static final int PAGE = 100;

    private final Path path;
    private final OutputFormat format;
    private final LogTable table;
    private final RecordWriter writer;
    private final CountingStream counted;
    private final JsonGenerator g;
    private long rows;
    private int inGroup;

    TableFile(Path path, OutputFormat format, LogTable table, RecordWriter writer, JsonFactory factory, boolean gzip)
            throws IOException {
        this.path = path;
        this.format = format;
        this.table = table;
        this.writer = writer;
        Files.createDirectories(path.getParent());
        this.counted = new CountingStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW));
        OutputStream out = gzip ? new GZIPOutputStream(counted, 1 << 16) : counted;
        this.g = factory.createGenerator(new BufferedOutputStream(out, 1 << 16));
        g.setRootValueSeparator(new SerializedString(""));
        if (format == OutputFormat.MANAGEMENT_API) g.writeRaw("[\n");
    }

    void write(LogRecord r) throws IOException {
        switch (format) {
            case LOG_ANALYTICS -> {
                writer.write(g, r);
                g.writeRaw('\n');
            }
            case EVENT_HUBS -> group(r, "{\"records\":[", BATCH);
            case GRAPH -> group(r, "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#" + resource() + "\",\"value\":[", PAGE);
            case MANAGEMENT_API -> {
                if (rows > 0) g.writeRaw(",\n");
                writer.write(g, r);
            }
        }
        rows++;
    }

    private void group(LogRecord r, String open, int size) throws IOException {
        if (inGroup == 0) g.writeRaw(open);
        else g.writeRaw(',');
        writer.write(g, r);
        if (++inGroup == size) closeGroup(true);
    }

    private void closeGroup(boolean more) throws IOException {
        if (format == OutputFormat.GRAPH && more) {
            g.writeRaw("],\"@odata.nextLink\":\"https://graph.microsoft.com/beta/" + resource()
                    + "?$skiptoken=" + Long.toHexString(rows * 2654435761L) + "\"}\n");
        } else {
            g.writeRaw("]}\n");
        }
        inGroup = 0;
    }

    private String resource() {
        return switch (table) {
            case SIGN_INS, NON_INTERACTIVE_SIGN_INS -> "auditLogs/signIns";
            case DIRECTORY_AUDITS -> "auditLogs/directoryAudits";
            default -> "identityProtection/riskDetections";
        };
    }

    WrittenFile summary() {
        return new WrittenFile(path, format.code(), format.folder(table), rows, counted.count);
    }

    @Override
    public void close() throws IOException {
        if (inGroup > 0) closeGroup(false);
        if (format == OutputFormat.MANAGEMENT_API) g.writeRaw(rows > 0 ? "\n]\n" : "]\n");
        g.close();
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
