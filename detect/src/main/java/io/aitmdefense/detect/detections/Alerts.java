package io.aitmdefense.detect.detections;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How every detection turns what it judged into an {@link Alert}: the id from tenant, detection, user key and the
 * anchoring record (the record the alert is about: the replayed use, the planted rule), evidence listed once per record.
 */
final class Alerts {
    private Alerts() {
    }

    /** The parts of an alert a detection decides; {@link #alert} adds the identity. */
    record Finding(Severity severity, double confidence, Instant start, Instant end, KillChainStage stage,
                   List<String> techniques, String explanation, Alert.Infrastructure infrastructure,
                   List<Artifact> artifacts, List<Evidence> evidence) {
    }

    static Alert alert(DetectionInfo info, String tenant, String userKey, String user, RecordRef anchor, Finding f) {
        return alert(info, info.title(), tenant, userKey, user, anchor, f);
    }

    /** As above, under a title of its own (an alert that relays another product's alert names it). */
    static Alert alert(DetectionInfo info, String title, String tenant, String userKey, String user, RecordRef anchor,
                       Finding f) {
        String anchorId = anchor.recordId().isEmpty() ? anchor.location() : anchor.recordId();
        return new Alert(Alert.idOf(tenant, info.id(), userKey, anchorId), tenant, userKey, user, info.id(),
                title, f.severity(), f.confidence(), f.start(), f.end(), f.stage(), List.copyOf(f.techniques()),
                f.explanation(), f.infrastructure(), List.copyOf(f.artifacts()), distinct(f.evidence()));
    }

    /** A record shown twice (the sign-in that is both the suspicious mark and the session use) is listed once. */
    static List<Evidence> distinct(List<Evidence> evidence) {
        Set<RecordRef> seen = new HashSet<>();
        List<Evidence> out = new ArrayList<>(evidence.size());
        for (Evidence e : evidence) if (seen.add(e.record())) out.add(e);
        return List.copyOf(out);
    }
}
