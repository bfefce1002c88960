package io.aitmdefense.server.api;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The bundled example tenant's incidents, detected and stored as the live pipeline stores them. */
public final class ExampleIncidents {
    public static final Path EXAMPLE = Path.of("examples/tenant-contoso");

    private ExampleIncidents() {
    }

    private static List<Incident> detected;

    /** Detected once per test JVM: the run takes most of a test's time on a shared machine. */
    public static synchronized List<Incident> detect() throws Exception {
        if (detected != null) return detected;
        DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
        List<Incident> found = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config,
                Enrichments.load(config, Optional.empty()), 2, Progress.NONE).incidents().incidents();
        if (found.size() < 4) throw new IllegalStateException("the example should give its four victims, got " + found.size());
        detected = List.copyOf(found);
        return detected;
    }

    /** Stores the example's incidents (as created at {@code at}) and returns them. */
    public static List<Incident> store(Database db, Instant at) throws Exception {
        List<Incident> found = detect();
        for (Incident i : found) db.incidents().save(row(i, at), Set.of("CREATED"));
        return found;
    }

    public static IncidentRow row(Incident i, Instant at) {
        return new IncidentRow(i.id(), i.tenant(), i.userKey(), i.user(), i.severity().label(), "open", i.start(),
                i.end(), at, 0, IncidentsJson.incidentText(i));
    }
}
