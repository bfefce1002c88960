package io.aitmdefense.events;

import java.time.Instant;
import java.util.Optional;

/**
 * One Microsoft 365 activity done with a user's token: a unified audit log record (Exchange mailbox and admin
 * operations, SharePoint/OneDrive) from the Management Activity API, OfficeActivity or a Purview export, or a
 * Microsoft Graph activity log request. {@code sessionId}/{@code uniqueTokenId} are the Entra ones
 * (AppAccessContext, C_Sid) — never Exchange's own session id.
 */
public record OfficeActivity(
        Instant time, Source source, String tenantId,
        LogId id, String workload, String operation, int recordType,
        String userId, String mailboxOwner,
        String ip, String clientInfo, String userAgent, String appId, String clientAppId,
        String sessionId, LogId uniqueTokenId,
        int logonType, boolean success, int itemCount, String subject, String objectId,
        Optional<Artifact> artifact) implements Event {

    @Override
    public String user() {
        return Users.key(userId, "");
    }

    /** System actors such as {@code NT AUTHORITY\SYSTEM (Microsoft.Exchange.ServiceHost)} perform many benign changes. */
    public boolean systemActor() {
        return userId.regionMatches(true, 0, "NT AUTHORITY", 0, 12) || userId.startsWith("ServicePrincipal_")
                || userId.equalsIgnoreCase("app@sharepoint") || userId.equalsIgnoreCase("SHAREPOINT\\system")
                || userId.regionMatches(true, 0, "S-1-5-", 0, 6);
    }
}
