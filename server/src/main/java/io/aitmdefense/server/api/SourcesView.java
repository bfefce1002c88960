package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.server.source.SourceStatus;

import java.time.Duration;
import java.time.Instant;

/** A source's status as the API shows it: kind, records delivered and rejected, last poll, newest event and lag, last error. */
final class SourcesView {
    private SourcesView() {
    }

    static ObjectNode source(SourceStatus s, Instant now) {
        ObjectNode n = Json.object();
        n.put("name", s.name());
        n.put("kind", s.kind());
        n.put("delivered", s.delivered());
        n.put("rejected", s.rejected());
        s.lastPoll().ifPresent(t -> n.put("lastPoll", t.toString()));
        s.newestEvent().ifPresent(t -> {
            n.put("newestEvent", t.toString());
            n.put("lagSeconds", Math.max(0, Duration.between(t, now).toSeconds()));
        });
        s.lastError().ifPresent(e -> n.put("lastError", e));
        return n;
    }
}
