package io.aitmdefense.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.FileSummary;
import io.aitmdefense.events.read.ReadReport;
import io.aitmdefense.events.read.Rejection;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What {@code aitm ingest} found in the files: per file the recognised shape and tables, rows per event kind, rejected
 * rows with file:line and the reason, the time span; then the totals. Text for people (the caller filters it for the
 * terminal) and JSON for machines.
 */
public final class IngestSummary {
    private IngestSummary() {
    }

    public static void print(PrintStream out, ReadReport report, Duration took) {
        for (FileSummary f : report.files()) {
            out.println(f.file());
            if (f.error().isPresent()) {
                out.println("  error: " + f.error().get());
                continue;
            }
            out.printf("  shape:    %s (%s)%n", f.shape(), f.encoding());
            out.printf("  tables:   %s%n", join(f.tables()));
            StringBuilder kinds = new StringBuilder();
            for (EventKind k : EventKind.values()) {
                long n = f.kinds().getOrDefault(k, 0L);
                if (n > 0) kinds.append(kinds.length() > 0 ? ", " : "").append(n).append(' ').append(k.label());
            }
            out.printf("  events:   %s%n", kinds.length() == 0 ? "none" : kinds);
            if (f.first().isPresent()) out.printf("  span:     %s → %s%n", f.first().get(), f.last().get());
            if (f.skipped() > 0) out.printf("  skipped:  %d (%s)%n", f.skipped(), String.join("; ", f.skipReasons()));
            if (f.rejected() > 0) {
                out.printf("  rejected: %d%n", f.rejected());
                for (Rejection r : f.firstRejections()) out.println("    " + r);
                if (f.rejected() > f.firstRejections().size()) {
                    out.printf("    … and %d more%n", f.rejected() - f.firstRejections().size());
                }
            }
        }
        out.printf("%ntotal: %d events from %d file(s), %d rejected row(s), %d unreadable file(s)",
                report.events(), report.files().size(), report.rejected(), report.failedFiles());
        if (report.first().isPresent()) out.printf(", %s → %s", report.first().get(), report.last().get());
        out.printf(" (%.1f s)%n", took.toMillis() / 1000.0);
        if (report.rejected() > 0 || report.failedFiles() > 0) {
            String what = report.rejected() == 0 ? "Unreadable files were" : report.failedFiles() == 0 ? "Rejected rows were"
                    : "Rejected rows and unreadable files were";
            out.println(what + " skipped; the rest was read. Fix or remove them and run again to read everything.");
        }
    }

    private static String join(java.util.Map<String, Long> m) {
        if (m.isEmpty()) return "none";
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append(" ").append(v));
        return b.toString();
    }

    public static ObjectNode toJson(ReadReport report, Duration took) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (FileSummary f : report.files()) {
            ObjectNode n = files.addObject();
            n.put("file", f.file());
            f.error().ifPresent(e -> n.put("error", e));
            n.put("shape", f.shape());
            n.put("encoding", f.encoding());
            ObjectNode tables = n.putObject("tables");
            f.tables().forEach(tables::put);
            ObjectNode kinds = n.putObject("events");
            for (EventKind k : EventKind.values()) kinds.put(k.name().toLowerCase().replace('_', '-'), f.kinds().getOrDefault(k, 0L));
            f.first().ifPresent(t -> n.put("first", t.toString()));
            f.last().ifPresent(t -> n.put("last", t.toString()));
            n.put("skipped", f.skipped());
            ArrayNode sr = n.putArray("skipReasons");
            f.skipReasons().forEach(sr::add);
            n.put("rejected", f.rejected());
            ArrayNode rej = n.putArray("rejections");
            for (Rejection r : f.firstRejections()) {
                ObjectNode x = rej.addObject();
                x.put("line", r.line());
                x.put("reason", r.reason());
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("events", report.events());
        totals.put("rejected", report.rejected());
        totals.put("unreadableFiles", report.failedFiles());
        totals.put("bytes", report.bytes());
        totals.put("seconds", took.toMillis() / 1000.0);
        return root;
    }
}
