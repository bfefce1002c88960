package io.aitmdefense.events.read;

import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.csv.CsvHeader;
import io.aitmdefense.events.read.csv.CsvParser;
import io.aitmdefense.events.read.csv.CsvRow;
import io.aitmdefense.events.read.json.JsonBytes;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.json.JsonSyntaxError;
import io.aitmdefense.events.read.map.RecordMapper;
import io.aitmdefense.events.read.row.Fields;
import io.aitmdefense.events.read.row.Row;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads log files and folders of any supported shape into events, streaming: a file is read in chunks, split into
 * records on this thread and mapped on worker threads, so memory does not grow with file size. The shape is
 * recognised from content, never from the file name. A bad row is counted and reported with file:line and the
 * reason; a file that is not a log gets one error; the rest is always read.
 */
public final class LogReader {
    /** Below G1's humongous-object size, so chunk buffers die young instead of churning the old generation. */
    private static final int CHUNK = 512 << 10;
    private static final int CSV_BATCH = 512;

    private final int workers;

    public LogReader(int workers) {
        this.workers = Math.max(1, workers);
    }

    public LogReader() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Files under the inputs (folders recursively, in name order) that would be read. Dot-files and dot-folders
     * (.git, .cache) below an input folder are left out. A subfolder that cannot be listed is kept as an entry of
     * its own, so reading reports it instead of the whole walk failing.
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(p, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                    return !dir.equals(p) && hidden(dir) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                            : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    if (Files.isRegularFile(file) && !hidden(file)) found.add(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
            found.sort(null);
            files.addAll(found);
        }
        return files;
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    public ReadReport read(List<Path> inputs, EventSink sink, Progress progress) throws IOException {
        List<Path> files = expand(inputs);
        long total = 0;
        for (Path f : files) total += Files.exists(f) ? Files.size(f) : 0;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(workers * 4), r -> {
                    Thread t = new Thread(r, "aitm-read");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        List<FileSummary> summaries = new ArrayList<>();
        long[] done = {0};
        long totalBytes = total;
        try {
            for (Path f : files) {
                long base = done[0];
                FileStats stats = new FileStats(f.toString());
                if (!Files.exists(f)) {
                    stats.error = "no such file or folder";
                } else if (!Files.isReadable(f)) {
                    stats.error = "cannot read the file (permission denied)";
                } else {
                    new FileJob(f, stats, sink, pool, n -> progress.update(f.toString(), base + n, totalBytes)).run();
                    done[0] = base + Files.size(f);
                }
                summaries.add(stats.summary());
            }
        } finally {
            pool.shutdownNow();
        }
        return new ReadReport(summaries, totalBytes);
    }

    /** Reads one file: decides JSON or CSV, splits into records and hands batches to the pool. */
    private static final class FileJob {
        private final Path path;
        private final String name;
        private final FileStats stats;
        private final EventSink sink;
        private final ThreadPoolExecutor pool;
        private final java.util.function.LongConsumer progress;
        private final List<Future<?>> pending = new ArrayList<>();

        FileJob(Path path, FileStats stats, EventSink sink, ThreadPoolExecutor pool, java.util.function.LongConsumer progress) {
            this.path = path;
            this.name = path.toString();
            this.stats = stats;
            this.sink = sink;
            this.pool = pool;
            this.progress = progress;
        }

        void run() {
            try (CountingStream counted = new CountingStream(Files.newInputStream(path), progress)) {
                InputDecoder.Decoded decoded = InputDecoder.decode(new java.io.BufferedInputStream(counted, 1 << 16));
                stats.encoding = decoded.encoding();
                PushbackInputStream in = new PushbackInputStream(decoded.utf8(), 64);
                int first = firstSignificant(in);
                if (first < 0) {
                    stats.error = "empty file";
                } else if (first == '{' || first == '[') {
                    readJson(in);
                } else if (first < 0x09 || (first > 0x0d && first < 0x20)) {
                    stats.error = "not a log: binary content (expected JSON, NDJSON or CSV, optionally gzip-compressed)";
                } else {
                    readCsv(in);
                }
                awaitBatches();
                for (String note : decoded.damage().notes()) stats.reject(0, note);
            } catch (InputDecoder.NotALog e) {
                stats.error = e.getMessage();
            } catch (java.util.zip.ZipException e) {
                awaitQuietly();
                stats.reject(0, "corrupt gzip data (" + e.getMessage() + "); rows before it were read");
            } catch (java.io.EOFException e) {
                awaitQuietly();
                stats.reject(0, "file ends unexpectedly (truncated gzip?); rows before it were read");
            } catch (java.nio.charset.CharacterCodingException e) {
                awaitQuietly();
                stats.reject(0, "unreadable text encoding (" + e.getMessage() + "); rows before it were read");
            } catch (IOException e) {
                awaitQuietly();
                stats.error = "cannot read: " + e.getMessage();
            }
        }

        private static int firstSignificant(PushbackInputStream in) throws IOException {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            if (c >= 0) in.unread(c);
            return c;
        }

        // ------------------------------------------------------------------ JSON and NDJSON

        /**
         * Units are top-level values, or the elements of a top-level array. When the first unit fits on one line the
         * file is line-delimited (NDJSON, or an array written one element per line) and each line is a unit on its
         * own, so a broken line costs only that line. Otherwise units are delimited by their brackets.
         */
        private void readJson(InputStream in) throws IOException {
            byte[] buf = new byte[CHUNK];
            int len = in.readNBytes(buf, 0, buf.length);
            boolean eof = len < buf.length;
            int pos = JsonBytes.skipWhitespace(buf, 0, len);
            boolean array = buf[pos] == '[';
            int unitStart = array ? JsonBytes.skipWhitespace(buf, pos + 1, len) : pos;
            boolean lineMode = firstUnitOnOneLine(buf, unitStart, len);
            stats.container = lineMode ? (array ? "JSON array" : "NDJSON") : "JSON";
            long line = 1 + countNewlines(buf, 0, lineMode ? lineStart(buf, unitStart) : unitStart);
            pos = lineMode ? lineStart(buf, unitStart) : unitStart;
            Batch batch = new Batch(buf);
            while (true) {
                if (lineMode) {
                    int nl = indexOf(buf, (byte) '\n', pos, len);
                    if (nl < 0 && !eof) {
                        // carry the partial line over into a fresh chunk
                        submit(batch);
                        byte[] next = new byte[Math.max(CHUNK, (len - pos) * 2)];
                        System.arraycopy(buf, pos, next, 0, len - pos);
                        len -= pos;
                        int n = in.readNBytes(next, len, next.length - len);
                        eof = n < next.length - len;
                        len += n;
                        buf = next;
                        pos = 0;
                        batch = new Batch(buf);
                        continue;
                    }
                    int lineEnd = nl < 0 ? len : nl;
                    int[] span = trimUnit(buf, pos, lineEnd);
                    if (span[1] > span[0]) batch.add(span[0], span[1], line);
                    if (batch.count == 2048) {
                        submit(batch);
                        batch = new Batch(buf);
                    }
                    line++;
                    if (nl < 0) break;
                    pos = nl + 1;
                    continue;
                }
                // bracket-delimited units
                int s = skipSeparators(buf, pos, len, array);
                if (s >= len) {
                    if (eof) break;
                    submit(batch);
                    byte[] next = new byte[CHUNK];
                    line += countNewlines(buf, pos, len);
                    len = in.readNBytes(next, 0, next.length);
                    eof = len < next.length;
                    buf = next;
                    pos = 0;
                    batch = new Batch(buf);
                    continue;
                }
                if (buf[s] == ']' && array) {
                    array = false;
                    pos = s + 1;
                    continue;
                }
                line += countNewlines(buf, pos, s);
                int end;
                try {
                    end = JsonBytes.skipValue(buf, s, len);
                } catch (JsonSyntaxError e) {
                    if (e.offset() >= len && !eof) {
                        submit(batch);
                        int keep = len - s;
                        byte[] next = new byte[Math.max(CHUNK, keep * 2)];
                        System.arraycopy(buf, s, next, 0, keep);
                        int n = in.readNBytes(next, keep, next.length - keep);
                        eof = n < next.length - keep;
                        len = keep + n;
                        buf = next;
                        pos = 0;
                        batch = new Batch(buf);
                        continue;
                    }
                    String why = e.offset() >= len ? "record is truncated (the file ends inside it)" : "malformed JSON: " + e.getMessage();
                    stats.reject(line, why + "; the rest of the file cannot be delimited and was not read");
                    break;
                }
                batch.add(s, end, line);
                if (batch.count == 2048) {
                    submit(batch);
                    batch = new Batch(buf);
                }
                line += countNewlines(buf, s, end);
                pos = end;
            }
            submit(batch);
        }

        private static boolean firstUnitOnOneLine(byte[] buf, int start, int len) {
            try {
                int end = JsonBytes.skipValue(buf, start, len);
                for (int i = start; i < end; i++) if (buf[i] == '\n') return false;
                int after = end;
                while (after < len && (buf[after] == ' ' || buf[after] == '\t' || buf[after] == '\r' || buf[after] == ',')) after++;
                return after >= len || buf[after] == '\n' || buf[after] == ']';
            } catch (JsonSyntaxError e) {
                // the first record is malformed or longer than a chunk: decide by whether a newline comes before its end
                int nl = indexOf(buf, (byte) '\n', start, len);
                return nl > start && nl < len;
            }
        }

        private static int lineStart(byte[] buf, int i) {
            while (i > 0 && buf[i - 1] != '\n') i--;
            return i;
        }

        /** The unit on a line, without surrounding whitespace, array brackets or separating commas. */
        private static int[] trimUnit(byte[] b, int s, int e) {
            while (s < e && (b[s] == ' ' || b[s] == '\t' || b[s] == '\r' || b[s] == ',' || b[s] == '[')) s++;
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '\r' || b[e - 1] == ',')) e--;
            if (e > s && b[e - 1] == ']' && b[s] != '[') {
                // a closing bracket of the top-level array on the last element's line
                int depth = 0;
                for (int i = s; i < e; i++) {
                    if (b[i] == '[') depth++;
                    else if (b[i] == ']') depth--;
                }
                if (depth < 0) e--;
                while (e > s && (b[e - 1] == ' ' || b[e - 1] == ',')) e--;
            }
            return new int[] {s, e};
        }

        private static int skipSeparators(byte[] b, int i, int len, boolean array) {
            while (i < len) {
                byte c = b[i];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || (array && c == ',')) i++;
                else return i;
            }
            return i;
        }

        private static int indexOf(byte[] b, byte v, int from, int to) {
            return JsonBytes.indexOf(b, v, from, to);
        }

        private static long countNewlines(byte[] b, int from, int to) {
            long n = 0;
            for (int i = JsonBytes.indexOf(b, (byte) '\n', from, to); i >= 0; i = JsonBytes.indexOf(b, (byte) '\n', i + 1, to)) n++;
            return n;
        }

        /** A run of units in one buffer, mapped by one worker. */
        private final class Batch implements Runnable {
            final byte[] buf;
            int[] starts = new int[256], ends = new int[256];
            long[] lines = new long[256];
            int count;

            Batch(byte[] buf) {
                this.buf = buf;
            }

            void add(int s, int e, long line) {
                if (count == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, count * 2);
                    ends = java.util.Arrays.copyOf(ends, count * 2);
                    lines = java.util.Arrays.copyOf(lines, count * 2);
                }
                starts[count] = s;
                ends[count] = e;
                lines[count] = line;
                count++;
            }

            @Override
            public void run() {
                FileStats local = stats.batch();
                for (int k = 0; k < count; k++) unit(local, starts[k], ends[k], lines[k]);
                stats.merge(local);
            }

            private void unit(FileStats local, int s, int e, long line) {
                JsonRow row;
                try {
                    if (buf[s] != '{') {
                        local.reject(line, "expected a JSON object, found '" + preview(s, e) + "'");
                        return;
                    }
                    row = JsonRow.parse(buf, s, e);
                    if (row.end() != e && JsonBytes.skipWhitespace(buf, row.end(), e) != e) {
                        local.reject(line, "unexpected text after the record: '" + preview(row.end(), e) + "'");
                        return;
                    }
                } catch (JsonSyntaxError ex) {
                    local.reject(line + countNewlines(buf, s, Math.min(e, Math.max(s, ex.offset()))),
                            "malformed JSON: " + ex.getMessage());
                    return;
                }
                if (row.has(Fields.RECORDS)) {
                    local.flavour = "diagnostic settings (Event Hubs)";
                    expand(local, row, Fields.RECORDS, s, line);
                } else if (row.has(Fields.VALUE) && !row.has(Fields.ID) && looksLikeList(row)) {
                    local.flavour = "Graph page";
                    expand(local, row, Fields.VALUE, s, line);
                } else if (row.has(Fields.RESULTS) && row.has(Fields.SCHEMA)) {
                    local.flavour = "advanced hunting results";
                    expand(local, row, Fields.RESULTS, s, line);
                } else {
                    if (local.flavour.isEmpty()) local.flavour = flavourOf(row);
                    record(local, row, line, 0);
                }
            }

            private boolean looksLikeList(JsonRow row) {
                String v = row.text(Fields.VALUE).trim();
                return v.startsWith("[");
            }

            private void expand(FileStats local, JsonRow page, io.aitmdefense.events.read.row.Field field, int s, long line) {
                List<Row> records;
                try {
                    records = page.objects(field);
                } catch (JsonSyntaxError ex) {
                    local.reject(line, "malformed JSON in '" + field.name() + "': " + ex.getMessage());
                    return;
                }
                int at = s, index = 0;
                long l = line;
                for (Row r : records) {
                    JsonRow jr = (JsonRow) r;
                    long newlines = countNewlines(buf, at, jr.start());
                    l += newlines;
                    index = newlines == 0 && at != s ? index + 1 : 0;
                    at = jr.start();
                    record(local, r, l, index);
                }
            }

            /** {@code index} tells apart the records of one line: an Event Hubs capture holds a whole batch on line 1. */
            private void record(FileStats local, Row row, long line, int index) {
                RecordMapper.Result result = RecordMapper.map(row, new Source(name, line, index));
                local.add(result, line);
                if (result instanceof RecordMapper.Mapped m) sink.accept(m.event());
            }

            private String preview(int s, int e) {
                String t = new String(buf, s, Math.min(e - s, 40), StandardCharsets.UTF_8);
                return t.replaceAll("\\s+", " ") + (e - s > 40 ? "…" : "");
            }
        }

        private static String flavourOf(Row row) {
            if (row.has(Fields.TIMESTAMP) && row.has(Fields.ACTION_TYPE)) return "Microsoft 365 Defender";
            if (row.has(Fields.TYPE)) return "Log Analytics";
            if (row.has(Fields.CREATION_TIME)) return "unified audit log";
            if (row.has(Fields.CATEGORY) && row.has(Fields.PROPERTIES)) return "diagnostic settings";
            if (row.has(Fields.CREATED) || row.has(Fields.ACTIVITY_TIME) || row.has(Fields.RISK_EVENT_TYPE)) return "Graph";
            return "";
        }

        // ------------------------------------------------------------------ CSV

        private void readCsv(InputStream in) throws IOException {
            CsvParser parser = new CsvParser(in);
            CsvParser.Record head;
            try {
                head = parser.next();
            } catch (CsvParser.UnterminatedQuote e) {
                stats.error = "not a log: unreadable CSV header";
                return;
            }
            CsvHeader header = new CsvHeader(head.cells());
            boolean purview = header.has(Fields.AUDIT_DATA);
            if (!purview && !header.has(Fields.TYPE) && !header.has(Fields.OPERATION) && !header.has(Fields.CREATED)
                    && !header.has(Fields.ACTIVITY_NAME) && !header.has(Fields.RISK_EVENT_TYPE) && !header.has(Fields.ALERT_ID)) {
                String names = String.join(",", head.cells().subList(0, Math.min(6, head.cells().size())));
                stats.error = "not a log this tool reads: expected JSON, NDJSON or a CSV export with log columns"
                        + " (first line: " + (names.length() > 80 ? names.substring(0, 80) + "…" : names) + ")";
                return;
            }
            if (!purview && !hasTimeColumn(header)) {
                stats.error = "this CSV has no time column (TimeGenerated, CreatedDateTime, ActivityDateTime, CreationTime or"
                        + " Start_Time), so its rows cannot be placed in time; it looks like a query projection: export the"
                        + " table with all columns";
                return;
            }
            stats.container = purview ? "Purview audit CSV" : "Log Analytics CSV export";
            List<CsvParser.Record> batch = new ArrayList<>(CSV_BATCH);
            while (true) {
                CsvParser.Record rec;
                try {
                    rec = parser.next();
                } catch (CsvParser.UnterminatedQuote e) {
                    stats.reject(e.line, e.getMessage() + "; the rest of the file was not read");
                    break;
                }
                if (rec == null) break;
                batch.add(rec);
                if (batch.size() == CSV_BATCH) {
                    submitCsv(header, purview, batch);
                    batch = new ArrayList<>(CSV_BATCH);
                }
            }
            submitCsv(header, purview, batch);
        }

        private static boolean hasTimeColumn(CsvHeader h) {
            return h.has(Fields.TIME_GENERATED) || h.has(Fields.CREATED) || h.has(Fields.ACTIVITY_TIME)
                    || h.has(Fields.CREATION_TIME) || h.has(Fields.START_TIME) || h.has(Fields.TIME)
                    || h.has(Fields.DETECTED_TIME) || h.has(Fields.CREATION_DATE) || h.has(Fields.TIMESTAMP);
        }

        private void submitCsv(CsvHeader header, boolean purview, List<CsvParser.Record> records) {
            if (records.isEmpty()) return;
            pending.add(pool.submit(() -> {
                FileStats local = stats.batch();
                for (CsvParser.Record rec : records) {
                    Row row;
                    String shapeProblem = header.rowProblem(rec.cells());
                    if (shapeProblem != null) {
                        local.reject(rec.line(), shapeProblem);
                        continue;
                    }
                    CsvRow csv = new CsvRow(header, rec.cells());
                    if (purview) {
                        String data = csv.text(Fields.AUDIT_DATA).trim();
                        try {
                            row = JsonRow.parse(data.getBytes(StandardCharsets.UTF_8));
                        } catch (JsonSyntaxError e) {
                            local.reject(rec.line(), "AuditData is not valid JSON: " + e.getMessage());
                            continue;
                        }
                    } else {
                        row = csv;
                    }
                    RecordMapper.Result result = RecordMapper.map(row, new Source(name, rec.line()));
                    local.add(result, rec.line());
                    if (result instanceof RecordMapper.Mapped m) sink.accept(m.event());
                }
                stats.merge(local);
            }));
        }

        private void submit(Batch batch) {
            if (batch.count > 0) pending.add(pool.submit(batch));
        }

        private void awaitBatches() throws IOException {
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) throw r;
                    if (c instanceof Error err) throw err;
                    throw new IOException(c);
                }
            }
            pending.clear();
        }

        private void awaitQuietly() {
            try {
                awaitBatches();
            } catch (IOException | RuntimeException ignored) {
                // the file-level error is what gets reported
            }
        }
    }

    /** Counts bytes read from disk for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private final java.util.function.LongConsumer progress;
        private long count, reported;

        CountingStream(InputStream in, java.util.function.LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) advance(1);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) advance(n);
            return n;
        }

        private void advance(long n) {
            count += n;
            if (count - reported >= (1 << 20)) {
                reported = count;
                progress.accept(count);
            }
        }
    }
}
