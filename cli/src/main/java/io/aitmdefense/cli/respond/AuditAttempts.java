package io.aitmdefense.cli.respond;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.aitmdefense.graph.http.Attempt;
import io.aitmdefense.respond.audit.AuditEntry;

import java.time.Instant;

/** A retried attempt of a call (throttled, refused token, no answer) as an audit line. */
final class AuditAttempts {
    private AuditAttempts() {
    }

    static AuditEntry entry(Attempt a, String actor, String approval, String incident) {
        String message = "attempt " + a.attempt() + (a.errorCode().isEmpty() ? "" : " " + a.errorCode())
                + a.waitBefore().map(w -> ", retried after " + w.toMillis() / 1000.0 + " s").orElse(", not retried");
        return new AuditEntry(Instant.now(), actor, approval, incident, "", "attempt", a.method() + " " + a.target(),
                MissingNode.getInstance(), a.status(), a.requestId().orElse(""), a.clientRequestId(), "retry", message,
                MissingNode.getInstance(), MissingNode.getInstance());
    }
}
