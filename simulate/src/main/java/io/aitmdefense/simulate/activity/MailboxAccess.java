package io.aitmdefense.simulate.activity;

import java.time.Instant;

/**
 * Who touches a mailbox and with which token: the client address, Exchange's client string, the app ids, and the Entra
 * session and token that end up in AppAccessContext.
 */
public record MailboxAccess(String ip, String clientInfo, String appId, String clientAppId,
                            String sessionId, String uniqueTokenId, Instant tokenIssuedAt) {
}
