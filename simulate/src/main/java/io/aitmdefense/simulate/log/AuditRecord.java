package io.aitmdefense.simulate.log;

import java.time.Instant;
import java.util.List;

/**
 * One Entra directory audit record. The initiator is either a user ({@code actorUpn} set, with the IP the action came
 * from) or an application ({@code actorApp*}). {@code sessionId}/{@code uniqueTokenId} are the Graph beta
 * linkableIdentifiers of the acting session ("" when unknown).
 */
public record AuditRecord(Instant time, Instant arrival, String id, String correlationId,
                          String activity, String category, String service, String operationType,
                          String result, String resultReason,
                          String actorUserId, String actorUpn, String actorIp,
                          String actorAppId, String actorAppName, String actorServicePrincipalId,
                          List<Target> targets, List<NameValue> additionalDetails,
                          String sessionId, String uniqueTokenId) implements LogRecord {

    /** A target resource and its modified properties (old/new are JSON text, as logged). */
    public record Target(String id, String displayName, String type, String userPrincipalName, List<Change> changes) {
    }

    public record Change(String name, String oldValue, String newValue) {
    }

    @Override
    public LogTable table() {
        return LogTable.DIRECTORY_AUDITS;
    }

    public boolean byUser() {
        return !actorUpn.isEmpty();
    }
}
