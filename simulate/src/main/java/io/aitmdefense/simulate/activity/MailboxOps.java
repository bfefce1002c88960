package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.MailboxRecord;
import io.aitmdefense.simulate.log.MailboxRecord.Folder;
import io.aitmdefense.simulate.log.MailboxRecord.Item;
import io.aitmdefense.simulate.log.NameValue;
import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Exchange unified-audit-log records with the parameter shapes of log-schemas §9. */
final class MailboxOps {
    static final String EXCHANGE_APP = "00000002-0000-0ff1-ce00-000000000000";
    private static final String[] FOLDERS = {"\\Inbox", "\\Inbox", "\\Sent Items", "\\Archive", "\\Inbox\\Projects"};

    private final Tenant tenant;

    MailboxOps(Tenant tenant) {
        this.tenant = tenant;
    }

    MailboxRecord mailItemsAccessed(SplittableRandom rng, User u, Instant t, MailboxAccess a, String accessType, int items) {
        List<Folder> folders = new ArrayList<>();
        int left = items;
        while (left > 0) {
            int n = Math.min(left, 1 + rng.nextInt(12));
            List<String> ids = new ArrayList<>(n);
            List<Integer> sizes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(messageId(rng));
                sizes.add(4_000 + rng.nextInt(400_000));
            }
            folders.add(new Folder(FOLDERS[rng.nextInt(FOLDERS.length)], ids, sizes));
            left -= n;
        }
        return record(rng, u, t, a, "MailItemsAccessed", 50, "", List.of(),
                List.of(new NameValue("MailAccessType", accessType), new NameValue("IsThrottled", "False")), folders, Item.NONE);
    }

    MailboxRecord send(SplittableRandom rng, User u, Instant t, MailboxAccess a, String subject) {
        Item item = new Item(itemId(rng), messageId(rng), subject, "\\Sent Items", 8_000 + rng.nextInt(90_000));
        return record(rng, u, t, a, "Send", 2, "", List.of(), List.of(), List.of(), item);
    }

    /** New-InboxRule / Set-InboxRule through PowerShell or OWA: Parameters, ObjectId ending in the rule name. */
    MailboxRecord inboxRuleCmdlet(SplittableRandom rng, User u, Instant t, MailboxAccess a, String cmdlet, String ruleName,
                                  List<NameValue> parameters) {
        List<NameValue> p = new ArrayList<>();
        if (cmdlet.equals("New-InboxRule")) {
            p.add(new NameValue("AlwaysDeleteOutlookRulesBlob", "False"));
            p.add(new NameValue("Force", "False"));
            p.add(new NameValue("Name", ruleName));
        } else {
            p.add(new NameValue("Identity", objectPath(u) + "\\" + ruleName));
        }
        p.addAll(parameters);
        return record(rng, u, t, a, cmdlet, 1, objectPath(u) + "\\" + ruleName, p, List.of(), List.of(), Item.NONE);
    }

    /** UpdateInboxRules through Outlook (MAPI/EWS): OperationProperties with RuleActions as JSON text. */
    MailboxRecord updateInboxRules(SplittableRandom rng, User u, Instant t, MailboxAccess a, String ruleName,
                                   String condition, String actionsJson) {
        List<NameValue> props = List.of(
                new NameValue("RuleOperation", "AddMailboxRule"),
                new NameValue("RuleId", Long.toString(1_000_000_000L + rng.nextInt(900_000_000))),
                new NameValue("RuleName", ruleName),
                new NameValue("RuleState", "Enabled, ExitAfterExecution"),
                new NameValue("RuleProvider", "RuleOrganizer"),
                new NameValue("RuleCondition", condition),
                new NameValue("RuleActions", actionsJson));
        return record(rng, u, t, a, "UpdateInboxRules", 2, "", List.of(), props, List.of(), Item.NONE);
    }

    /** Set-Mailbox with SMTP forwarding, by the user's own token. */
    MailboxRecord setMailboxForwarding(SplittableRandom rng, User u, Instant t, MailboxAccess a, String address, boolean keepCopy) {
        List<NameValue> p = List.of(new NameValue("Identity", u.id()),
                new NameValue("ForwardingSmtpAddress", "smtp:" + address),
                new NameValue("DeliverToMailboxAndForward", keepCopy ? "True" : "False"));
        return record(rng, u, t, a, "Set-Mailbox", 1, objectPath(u), p, List.of(), List.of(), Item.NONE);
    }

    /** The benign Set-Mailbox that Exchange itself performs many times a day (UserType 4, no client address). */
    MailboxRecord systemSetMailbox(SplittableRandom rng, User u, Instant t) {
        List<NameValue> p = List.of(new NameValue("Identity", u.id()), new NameValue("RetentionPolicy", "Default MRM Policy"));
        return new MailboxRecord(t, Lag.unifiedAudit(t, rng), Ids.guid(rng), "Set-Mailbox", 1,
                "NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)", 4, u.userPrincipalName(), mailboxGuid(u), "", "", "",
                "", "", "", t, "", objectPath(u), "True", 0, p, List.of(), List.of(), Item.NONE);
    }

    private MailboxRecord record(SplittableRandom rng, User u, Instant t, MailboxAccess a, String operation, int recordType,
                                 String objectId, List<NameValue> parameters, List<NameValue> properties,
                                 List<Folder> folders, Item item) {
        String clientIp = recordType == 1 && !a.ip().isEmpty() ? withPort(a.ip(), rng) : a.ip();
        return new MailboxRecord(t, Lag.unifiedAudit(t, rng), Ids.guid(rng), operation, recordType, u.userPrincipalName(),
                0, u.userPrincipalName(), mailboxGuid(u), clientIp, a.clientInfo(), a.appId(), a.clientAppId(),
                a.sessionId(), a.uniqueTokenId(), a.tokenIssuedAt(), Ids.guid(rng), objectId,
                recordType == 1 ? "True" : "Succeeded", 0, parameters, properties, folders, item);
    }

    private String objectPath(User u) {
        return tenant.exchangeServer() + "/Microsoft Exchange Hosted Organizations/"
                + tenant.domain().replace(".", "") + ".onmicrosoft.com/" + u.mailNickname();
    }

    private static String withPort(String ip, SplittableRandom rng) {
        int port = 1024 + rng.nextInt(64_000);
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    private static String mailboxGuid(User u) {
        return u.id().substring(0, 24) + "0000" + u.id().substring(28);
    }

    private static String messageId(SplittableRandom rng) {
        return "<" + Ids.upper(rng, 12) + "@" + Ids.upper(rng, 5).toLowerCase(java.util.Locale.ROOT) + ".prod.outlook.com>";
    }

    private static String itemId(SplittableRandom rng) {
        return "AAMkA" + Ids.tokenId(rng) + Ids.tokenId(rng);
    }
}
