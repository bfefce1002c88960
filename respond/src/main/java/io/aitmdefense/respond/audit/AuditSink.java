package io.aitmdefense.respond.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Where a run's audit lines go: the audit file of {@code aitm respond run} ({@link AuditTrail}), or the hash-chained
 * audit log in the store of {@code aitm serve}. Either way each entry is sealed onto its chain before the next action.
 */
public interface AuditSink {
    /** Appends one entry (redacted by {@link AuditTrail#object}); returns its hash. */
    String append(AuditEntry entry);

    /** The entries of the chain so far, oldest first, parsed. */
    List<JsonNode> entries();
}
