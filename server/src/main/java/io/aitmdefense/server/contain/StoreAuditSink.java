package io.aitmdefense.server.contain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.respond.audit.AuditEntry;
import io.aitmdefense.respond.audit.AuditSink;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.store.AuditLog;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * A response run's audit lines sealed onto one chain of the store's audit log: the same objects the audit file of
 * {@code aitm respond run} holds, so a chain exported line by line verifies with {@code aitm respond audit}.
 */
final class StoreAuditSink implements AuditSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog log;
    private final String chain;

    StoreAuditSink(AuditLog log, String chain) {
        this.log = log;
        this.chain = chain;
    }

    @Override
    public String append(AuditEntry entry) {
        try {
            return log.append(chain, JSON.writeValueAsString(AuditTrail.object(entry)), entry.time()).hash();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<JsonNode> entries() {
        return log.entries(chain).stream().map(e -> parse(e.entry())).toList();
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
