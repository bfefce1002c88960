package io.aitmdefense.events.read.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a UTF-8 stream: quoted fields may hold commas, doubled quotes and newlines (the portal
 * export pretty-prints JSON across lines inside cells), so records are never split on newlines first.
 */
public final class CsvParser {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos, len;
    private long line = 1;
    private final java.io.ByteArrayOutputStream cell = new java.io.ByteArrayOutputStream(256);

    public CsvParser(InputStream in) {
        this.in = in;
    }

    /** One record and the line it starts on. */
    public record Record(long line, List<String> cells) {
    }

    /** Thrown for a quoted field that never closes; the rest of the file cannot be delimited. */
    public static final class UnterminatedQuote extends IOException {
        public final long line;

        UnterminatedQuote(long line) {
            super("a quoted field opened here never closes (truncated file?)");
            this.line = line;
        }
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    public Record next() throws IOException {
        int c;
        while ((c = peek()) == '\n' || c == '\r') {
            take();
            if (c == '\n') line++;
        }
        if (c < 0) return null;
        long start = line;
        List<String> cells = new ArrayList<>();
        while (true) {
            cell.reset();
            c = peek();
            if (c == '"') {
                take();
                long quoteLine = line;
                while (true) {
                    c = take();
                    if (c < 0) throw new UnterminatedQuote(quoteLine);
                    if (c == '"') {
                        if (peek() == '"') {
                            take();
                            cell.write('"');
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') line++;
                        cell.write(c);
                    }
                }
                // characters between the closing quote and the delimiter are kept, as lenient parsers do
                while ((c = peek()) >= 0 && c != ',' && c != '\n' && c != '\r') cell.write(take());
            } else {
                while ((c = peek()) >= 0 && c != ',' && c != '\n' && c != '\r') cell.write(take());
            }
            cells.add(cell.toString(StandardCharsets.UTF_8));
            c = peek();
            if (c == ',') {
                take();
                continue;
            }
            if (c == '\r') {
                take();
                if (peek() == '\n') take();
                line++;
            } else if (c == '\n') {
                take();
                line++;
            }
            return new Record(start, cells);
        }
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos] & 0xff;
    }

    private int take() throws IOException {
        int c = peek();
        if (c >= 0) pos++;
        return c;
    }
}
