package io.aitmdefense.events.read;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.map.RecordMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts for one file, accumulated by one batch at a time and merged under a lock, so worker threads never
 * contend per row.
 */
final class FileStats {
    static final int MAX_REASONS = 20;

    final String file;
    String encoding = "";
    String container = "";
    String flavour = "";
    String error;
    final Map<String, Long> tables = new TreeMap<>();
    final Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
    long skipped, rejected;
    /** Rejections of records whose shape is not a log at all (as opposed to a known log with a broken row). */
    long unrecognised;
    final Map<String, Long> skipReasons = new LinkedHashMap<>();
    final List<Rejection> rejections = new ArrayList<>();
    Instant first, last;

    FileStats(String file) {
        this.file = file;
    }

    FileStats batch() {
        return new FileStats(file);
    }

    void add(RecordMapper.Result result, long line) {
        tables.merge(result.table().label(), 1L, Long::sum);
        if (result instanceof RecordMapper.Mapped m) {
            Event e = m.event();
            kinds.merge(e.kind(), 1L, Long::sum);
            Instant t = e.time();
            if (first == null || t.isBefore(first)) first = t;
            if (last == null || t.isAfter(last)) last = t;
        } else if (result instanceof RecordMapper.Skipped s) {
            skipped++;
            skipReasons.merge(s.reason(), 1L, Long::sum);
        } else if (result instanceof RecordMapper.Rejected r) {
            if (r.table() == io.aitmdefense.events.read.map.Table.UNSUPPORTED) unrecognised++;
            reject(line, r.reason());
        }
    }

    /** Synchronized: the reading thread reports file-level problems while workers merge their batches. */
    synchronized void reject(long line, String reason) {
        rejected++;
        rejections.add(new Rejection(file, line, reason));
        keepFirstRejections();
    }

    /**
     * Keeps the rejections with the lowest lines. Each batch keeps its own first ones, so the file's first ones
     * survive whatever order worker threads finish in: the listing is the same with one worker or many.
     */
    private void keepFirstRejections() {
        if (rejections.size() <= MAX_REASONS) return;
        rejections.sort(Comparator.comparingLong(Rejection::line).thenComparing(Rejection::reason));
        rejections.subList(MAX_REASONS, rejections.size()).clear();
    }

    synchronized void merge(FileStats b) {
        b.tables.forEach((k, v) -> tables.merge(k, v, Long::sum));
        b.kinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
        skipped += b.skipped;
        b.skipReasons.forEach((k, v) -> skipReasons.merge(k, v, Long::sum));
        rejected += b.rejected;
        unrecognised += b.unrecognised;
        rejections.addAll(b.rejections);
        keepFirstRejections();
        if (b.first != null && (first == null || b.first.isBefore(first))) first = b.first;
        if (b.last != null && (last == null || b.last.isAfter(last))) last = b.last;
        if (flavour.isEmpty()) flavour = b.flavour;
    }

    synchronized FileSummary summary() {
        List<Rejection> sorted = new ArrayList<>(rejections);
        sorted.sort(Comparator.comparingLong(Rejection::line).thenComparing(Rejection::reason));
        if (error == null && kinds.isEmpty() && skipped == 0 && rejected > 0 && rejected == unrecognised) {
            // valid JSON, but no record looks like any log (a config file, an API response of another kind):
            // one file-level error says so better than a rejection per record
            Rejection firstRecord = sorted.get(0);
            error = "not a log this tool reads: no record has the fields of a known log (record at line " + firstRecord.line()
                    + ": " + firstRecord.reason() + ")";
            container = "";
            rejected = 0;
            sorted.clear();
            tables.clear();
        }
        String shape = error != null && container.isEmpty() ? "not a log" : (flavour.isEmpty() ? container : flavour + " " + container);
        List<String> reasons = new ArrayList<>();
        // most frequent first, then by text: independent of the order batches were merged in
        skipReasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> reasons.add(e.getValue() + " × " + e.getKey()));
        // sorted copies: Map.copyOf iterates in an order that changes from run to run, and reports list these maps
        return new FileSummary(file, shape.trim(), encoding, Collections.unmodifiableMap(new TreeMap<>(tables)),
                Collections.unmodifiableMap(new EnumMap<>(kinds)), skipped,
                reasons, rejected, List.copyOf(sorted.subList(0, Math.min(MAX_REASONS, sorted.size()))),
                Optional.ofNullable(first), Optional.ofNullable(last), Optional.ofNullable(error));
    }
}
