package io.aitmdefense.model.incident;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;

import java.time.Instant;
import java.util.List;

/** One alert placed on an incident's kill-chain timeline, with its ATT&CK techniques. */
public record TimelineEntry(Instant start, Instant end, KillChainStage stage, String detectionId, String title,
                            Severity severity, List<String> techniques, String explanation) {

    public static TimelineEntry of(Alert a) {
        return new TimelineEntry(a.start(), a.end(), a.stage(), a.detectionId(), a.title(), a.severity(), a.techniques(), a.explanation());
    }
}
