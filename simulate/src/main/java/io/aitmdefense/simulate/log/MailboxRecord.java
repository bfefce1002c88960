package io.aitmdefense.simulate.log;

import java.time.Instant;
import java.util.List;

/**
 * One unified-audit-log Exchange record: admin cmdlets (RecordType 1: New-InboxRule, Set-Mailbox …) with
 * {@code parameters}, mailbox operations (2: Send, UpdateInboxRules) and MailItemsAccessed (50) with
 * {@code operationProperties} and {@code folders}. {@code aadSessionId}/{@code uniqueTokenId} fill AppAccessContext;
 * {@code exchangeSessionId} is Exchange's own session, not the Entra one.
 */
public record MailboxRecord(Instant time, Instant arrival, String id, String operation, int recordType, String userId,
                            int userType, String mailboxOwner, String mailboxGuid, String clientIp, String clientInfo,
                            String appId, String clientAppId, String aadSessionId, String uniqueTokenId, Instant tokenIssuedAt,
                            String exchangeSessionId, String objectId, String resultStatus, int logonType,
                            List<NameValue> parameters, List<NameValue> operationProperties, List<Folder> folders,
                            Item item) implements LogRecord {

    /** A folder and the messages touched in it (MailItemsAccessed). */
    public record Folder(String path, List<String> internetMessageIds, List<Integer> sizes) {
    }

    /** A sent message (Send). {@link #NONE} for records without one. */
    public record Item(String id, String internetMessageId, String subject, String parentFolder, int sizeInBytes) {
        public static final Item NONE = new Item("", "", "", "", 0);
    }

    @Override
    public LogTable table() {
        return LogTable.OFFICE_ACTIVITY;
    }

    public boolean admin() {
        return recordType == 1;
    }
}
