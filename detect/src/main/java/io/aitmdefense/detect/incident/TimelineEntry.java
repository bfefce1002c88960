package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.api.Alert;
import io.aitmdefense.detect.api.KillChainStage;
import io.aitmdefense.detect.api.Severity;

import java.time.Instant;
import java.util.List;

/** One alert placed on an incident's kill-chain timeline, with its ATT&CK techniques. */
public record TimelineEntry(Instant start, Instant end, KillChainStage stage, String detectionId, String title,
                            Severity severity, List<String> techniques, String explanation) {

    static TimelineEntry of(Alert a) {
        return new TimelineEntry(a.start(), a.end(), a.stage(), a.detectionId(), a.title(), a.severity(), a.techniques(), a.explanation());
    }
}
