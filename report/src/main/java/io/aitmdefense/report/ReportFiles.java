package io.aitmdefense.report;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.incident.IncidentSet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the detect outputs into a folder: {@code incidents.json}, {@code alerts.ndjson}, {@code report.html},
 * {@code incidents.csv} and {@code attacker-infrastructure.csv}.
 * Each file is written to a temporary file beside it and moved into place, so a reader never sees half a report
 * and an interrupted run leaves the previous report intact. Nothing else in the folder is touched, and a target
 * that is one of the run's input files is refused.
 */
public final class ReportFiles {
    public static final String INCIDENTS_JSON = "incidents.json";
    public static final String ALERTS_NDJSON = "alerts.ndjson";
    public static final String REPORT_HTML = "report.html";
    public static final String INCIDENTS_CSV = "incidents.csv";
    public static final String INFRASTRUCTURE_CSV = "attacker-infrastructure.csv";

    private ReportFiles() {
    }

    /** As {@link #write(Path, IncidentSet, RunSummary, List)} without the detection catalogue in the HTML. */
    public static List<Path> write(Path outDir, IncidentSet set, RunSummary run) throws IOException {
        return write(outDir, set, run, List.of());
    }

    /**
     * Writes the files and returns their paths. {@code catalogue} adds each detection's "why" and "what to
     * check next" to the HTML report.
     */
    public static List<Path> write(Path outDir, IncidentSet set, RunSummary run, List<DetectionInfo> catalogue)
            throws IOException {
        return write(outDir, set, run, catalogue, Map.of());
    }

    /**
     * As {@link #write(Path, IncidentSet, RunSummary, List)}, with each incident's "Contain" section (by incident id)
     * in the HTML report and as {@code contain} in incidents.json.
     */
    public static List<Path> write(Path outDir, IncidentSet set, RunSummary run, List<DetectionInfo> catalogue,
                                   Map<String, Containment> containment) throws IOException {
        Files.createDirectories(outDir);
        Map<String, String> contents = new LinkedHashMap<>();
        contents.put(INCIDENTS_JSON, IncidentsJson.toText(set, run, containment));
        StringBuilder ndjson = new StringBuilder();
        for (Alert a : allAlerts(set)) ndjson.append(IncidentsJson.alertLine(a)).append('\n');
        contents.put(ALERTS_NDJSON, ndjson.toString());
        contents.put(REPORT_HTML, new HtmlReport(catalogue, containment).render(set, run));
        contents.put(INCIDENTS_CSV, IncidentsCsv.incidents(set));
        contents.put(INFRASTRUCTURE_CSV, IncidentsCsv.infrastructure(set));

        List<Path> targets = new ArrayList<>();
        for (String name : contents.keySet()) {
            Path target = outDir.resolve(name);
            refuseInput(target, run.inputs());
            targets.add(target);
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Path target : targets) {
                // a plain file (not createTempFile, which is owner-only): reports are shared with the team
                Path tmp = outDir.resolve("." + target.getFileName() + ".tmp");
                staged.put(target, tmp);
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write(contents.get(target.getFileName().toString()));
                }
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) move(e.getValue(), e.getKey());
        } finally {
            for (Path tmp : staged.values()) Files.deleteIfExists(tmp);
        }
        return List.copyOf(targets);
    }

    private static void refuseInput(Path target, List<String> inputs) throws IOException {
        if (Files.isDirectory(target)) throw new IOException(target + ": is a folder; refusing to replace it with a report file");
        if (!Files.exists(target)) return;
        for (String input : inputs) {
            Path in = Path.of(input);
            if (Files.exists(in) && Files.isSameFile(in, target)) {
                throw new IOException(target + ": is one of this run's input files; refusing to overwrite it "
                        + "(choose another --out folder)");
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Incident alerts and notices, in time order: alerts.ndjson holds every alert of the run. */
    static List<Alert> allAlerts(IncidentSet set) {
        List<Alert> all = new ArrayList<>(set.alerts());
        all.addAll(set.notices());
        all.sort(java.util.Comparator.comparing(Alert::start).thenComparing(Alert::user).thenComparing(Alert::detectionId));
        return all;
    }
}
