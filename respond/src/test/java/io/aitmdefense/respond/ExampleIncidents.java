package io.aitmdefense.respond;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.incident.IncidentSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The incidents of the bundled example tenant, found the way {@code aitm detect} finds them (once per test run). */
final class ExampleIncidents {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    private static IncidentSet cached;

    private ExampleIncidents() {
    }

    static synchronized IncidentSet get() throws IOException {
        if (cached == null) {
            DetectConfig config = DetectConfig.load(EXAMPLE.resolve("tenant.yaml"));
            cached = DetectionRun.run(List.of(EXAMPLE.resolve("logs")), config, Enrichments.load(config, Optional.empty()), 2,
                    Progress.NONE).incidents();
        }
        return cached;
    }
}
