package io.aitmdefense.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.store.AuditLog;

import java.time.Clock;
import java.time.Instant;

/**
 * Who signed in to the console, with which role and how, on the append-only audit chain {@value #CHAIN}. Refusals are
 * written only once the person is known (a verified Entra token without a role): an anonymous request must not be
 * able to grow the chain.
 */
final class SignInAudit {
    static final String CHAIN = "console-sign-ins";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog audit;
    private final Clock clock;

    SignInAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** @param method {@code token} or {@code entra} */
    void signedIn(Principal who, String method, String objectId) {
        append(entry(who.name(), method, objectId).put("role", who.role().label()).put("outcome", "done"));
    }

    void refused(String name, String method, String objectId, String reason) {
        append(entry(name, method, objectId).put("outcome", "refused").put("reason", reason));
    }

    private ObjectNode entry(String name, String method, String objectId) {
        ObjectNode e = JSON.createObjectNode().put("time", clock.instant().toString()).put("actor", name)
                .put("event", "sign-in").put("method", method);
        if (!objectId.isEmpty()) e.put("objectId", objectId);
        return e;
    }

    private void append(ObjectNode entry) {
        Instant now = clock.instant();
        audit.append(CHAIN, entry.toString(), now);
    }
}
