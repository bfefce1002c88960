package io.aitmdefense.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Entra directory audit record (AuditLogs, diagnostic settings, Graph directoryAudits, or a UAL
 * AzureActiveDirectory record). The actor is who performed the operation; detections key on the actor,
 * except for operations done to a user by a service (device registration owner, admin actions) where
 * {@link #user()} is the affected user.
 */
public record DirectoryAudit(
        Instant time, Source source, String tenantId,
        LogId id, LogId correlationId, String operation, String category, String service, String operationType,
        String result, String resultReason,
        Actor actor, List<Target> targets, Map<String, String> details,
        String sessionId, LogId uniqueTokenId,
        Optional<Artifact> artifact) implements Event {

    /** Who did it: a user (id, UPN) or an app (appId, name); ip is "" when logged as {@code <null>}. */
    public record Actor(String userId, String userPrincipalName, String appId, String appName, String ip) {
        public static final Actor UNKNOWN = new Actor("", "", "", "", "");

        public boolean isUser() {
            return !userId.isEmpty() || !userPrincipalName.isEmpty();
        }
    }

    /** A target resource with its modified properties. */
    public record Target(String id, String displayName, String type, String userPrincipalName,
                         List<Change> changes) {
    }

    /** A modified property; old/new are the logged JSON text. */
    public record Change(String name, String oldValue, String newValue) {
    }

    @Override
    public String user() {
        if (actor.isUser()) return Users.key(actor.userPrincipalName(), actor.userId());
        for (Target t : targets) {
            if (t.type().equalsIgnoreCase("User")) return Users.key(t.userPrincipalName(), t.id());
        }
        return "";
    }

    public boolean success() {
        return result.isEmpty() || result.equalsIgnoreCase("success") || result.equalsIgnoreCase("Succeeded")
                || result.equalsIgnoreCase("True");
    }
}
