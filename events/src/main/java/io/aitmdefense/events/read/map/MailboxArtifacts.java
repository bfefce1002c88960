package io.aitmdefense.events.read.map;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.read.json.JsonBytes;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.json.JsonSyntaxError;
import io.aitmdefense.events.read.row.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.events.read.row.Fields.*;

/**
 * What an Exchange operation planted (log-schemas §9): inbox rules from the PowerShell/OWA path (Parameters of
 * New-/Set-/Enable-/Disable-/Remove-InboxRule) and the Outlook/MAPI path (OperationProperties of UpdateInboxRules,
 * RuleActions as JSON text), mailbox forwarding, transport-rule redirects and mailbox delegation.
 */
final class MailboxArtifacts {
    private MailboxArtifacts() {
    }

    static Optional<Artifact> of(String operation, Row r) {
        String op = operation.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "new-inboxrule", "set-inboxrule", "enable-inboxrule", "disable-inboxrule", "remove-inboxrule" ->
                    Optional.of(powershellRule(operation, pairs(r.objects(PARAMETERS)), r.text(OBJECT_ID), owner(r)));
            case "updateinboxrules" -> Optional.of(outlookRule(operation, pairs(r.objects(OPERATION_PROPERTIES)), owner(r)));
            case "set-mailbox" -> forwarding(operation, pairs(r.objects(PARAMETERS)), mailbox(r.text(OBJECT_ID), owner(r)));
            case "new-transportrule", "set-transportrule" -> transportRule(operation, pairs(r.objects(PARAMETERS)));
            case "add-mailboxpermission", "add-recipientpermission" -> {
                Map<String, String> p = pairs(r.objects(PARAMETERS));
                yield Optional.of(new Artifact.MailboxDelegation(operation, p.getOrDefault("identity", r.text(OBJECT_ID)),
                        p.getOrDefault("user", p.getOrDefault("trustee", "")),
                        p.getOrDefault("accessrights", "")));
            }
            default -> Optional.empty();
        };
    }

    /** {Name, Value} pairs with lower-cased names. */
    static Map<String, String> pairs(List<Row> rows) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Row p : rows) m.put(p.text(NAME).toLowerCase(Locale.ROOT), p.text(VALUE));
        return m;
    }

    /**
     * The mailbox a Set-Mailbox names, for a person to read: its identity unless that is only a GUID (the logs often
     * give the mailbox's object id), then the acting user, who owns it in the cases that matter here.
     */
    private static String mailbox(String identity, String owner) {
        String id = identity.trim();
        return id.isEmpty() || id.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") ? owner : id;
    }

    /** The mailbox an Exchange operation acted on: MailboxOwnerUPN when logged, else the acting user (the owner). */
    private static String owner(Row r) {
        String owner = r.text(MAILBOX_OWNER);
        return owner.isEmpty() ? r.first(USER_ID, USER_IDS) : owner;
    }

    private static Artifact powershellRule(String operation, Map<String, String> p, String objectId, String owner) {
        String name = p.getOrDefault("name", "");
        // Set-/Disable-/Remove- carry the rule as Identity, every operation in ObjectId: "<server>/…/<mailbox>\<RuleName>"
        String identity = p.getOrDefault("identity", objectId);
        if (name.isEmpty() && !p.containsKey("name")) {
            int slash = identity.lastIndexOf('\\');
            name = slash >= 0 ? identity.substring(slash + 1) : identity;
        }
        String ruleId = identity.indexOf('\\') >= 0 ? identity : "";
        List<String> conditions = new ArrayList<>();
        for (String key : List.of("subjectcontainswords", "bodycontainswords", "subjectorbodycontainswords",
                "fromaddresscontainswords", "from", "sentto", "headercontainswords", "recipientaddresscontainswords",
                "hasattachment", "myNameInToOrCcBox".toLowerCase(Locale.ROOT))) {
            String v = p.get(key);
            if (v != null && !v.isEmpty()) conditions.add(key + "=" + v);
        }
        boolean enabled = !operation.equalsIgnoreCase("Disable-InboxRule") && !operation.equalsIgnoreCase("Remove-InboxRule")
                && !p.getOrDefault("enabled", "true").equalsIgnoreCase("false");
        return new Artifact.InboxRule(operation, name, enabled, String.join("; ", conditions),
                addresses(p.get("forwardto")), addresses(p.get("redirectto")), addresses(p.get("forwardasattachmentto")),
                truthy(p.get("deletemessage")) || truthy(p.get("softdeletemessage")), truthy(p.get("markasread")),
                p.getOrDefault("movetofolder", p.getOrDefault("copytofolder", "")), truthy(p.get("stopprocessingrules")),
                p.getOrDefault("mailbox", owner), ruleId);
    }

    /** UpdateInboxRules: RuleActions is JSON text, e.g. [{"ActionType":"Forward","Recipients":["a@x"]}]. */
    private static Artifact outlookRule(String operation, Map<String, String> p, String owner) {
        List<String> forward = new ArrayList<>(), redirect = new ArrayList<>(), attach = new ArrayList<>();
        boolean delete = false, markRead = false;
        String folder = "";
        String actions = p.getOrDefault("ruleactions", "");
        for (Row a : ruleActions(actions)) {
            String type = a.text(ACTION_TYPE).toLowerCase(Locale.ROOT);
            List<String> recipients = recipients(a);
            switch (type) {
                case "forward", "forwardtorecipientsaction" -> forward.addAll(recipients);
                case "redirect", "redirecttorecipientsaction" -> redirect.addAll(recipients);
                case "forwardasattachment", "forwardasattachmenttorecipientsaction" -> attach.addAll(recipients);
                case "delete", "permanentdelete", "deleteaction" -> delete = true;
                case "markasread", "markasreadaction" -> markRead = true;
                case "move", "moveaction", "movetofolder", "copy" -> folder = a.first(PATH, DISPLAY_NAME, NAME).isEmpty()
                        ? "(folder)" : a.first(PATH, DISPLAY_NAME, NAME);
                default -> { }
            }
        }
        String state = p.getOrDefault("rulestate", "Enabled");
        return new Artifact.InboxRule(operation, p.getOrDefault("rulename", ""), state.toLowerCase(Locale.ROOT).contains("enabled"),
                p.getOrDefault("rulecondition", ""), forward, redirect, attach, delete, markRead, folder,
                state.contains("ExitAfterExecution"), owner, p.getOrDefault("ruleid", ""));
    }

    /**
     * The actions of RuleActions JSON text. The unified audit log cuts long property values, so the text may be
     * truncated: the rule is still reported, with the actions that could be read.
     */
    private static List<Row> ruleActions(String actions) {
        byte[] json = actions.trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Row> out = new ArrayList<>();
        if (json.length == 0 || json[0] != '[') return out;
        int i = 1;
        try {
            while (true) {
                i = JsonBytes.skipWhitespace(json, i, json.length);
                if (i >= json.length || json[i] != '{') return out;
                int end = JsonBytes.skipValue(json, i, json.length);
                out.add(JsonRow.parse(json, i, end));
                i = JsonBytes.skipWhitespace(json, end, json.length);
                if (i < json.length && json[i] == ',') i++;
            }
        } catch (JsonSyntaxError cut) {
            return out; // the complete actions before the cut
        }
    }

    /**
     * Recipients as plain addresses ({@code "Recipients":["a@x"]}), or in the ServerRule form where each recipient
     * is an object of property values ({@code "Recipients":[{"Values":[{"Value":"a@x"}, …]}]}).
     */
    private static List<String> recipients(Row action) {
        List<String> out = new ArrayList<>();
        for (String s : action.strings(RECIPIENTS)) if (!s.startsWith("{")) out.add(s);
        for (Row recipient : action.objects(RECIPIENTS)) {
            for (Row v : recipient.objects(VALUES)) {
                String value = v.text(VALUE).replaceFirst("(?i)^smtp:", "");
                if (value.indexOf('@') > 0 && !value.startsWith("/") && !out.contains(value)) out.add(value);
            }
        }
        return out;
    }

    private static Optional<Artifact> forwarding(String operation, Map<String, String> p, String readableMailbox) {
        List<String> addresses = new ArrayList<>();
        for (String key : List.of("forwardingsmtpaddress", "forwardingaddress")) {
            String v = p.get(key);
            if (v != null && !v.isBlank()) addresses.add(v.replaceFirst("(?i)^smtp:", ""));
        }
        if (addresses.isEmpty()) {
            String delegate = p.get("grantsendonbehalfto");
            if (delegate != null && !delegate.isBlank()) {
                return Optional.of(new Artifact.MailboxDelegation(operation, mailbox(p.getOrDefault("identity", ""), readableMailbox), delegate,
                        "SendOnBehalf"));
            }
            return Optional.empty();
        }
        return Optional.of(new Artifact.MailForwarding(operation, mailbox(p.getOrDefault("identity", ""), readableMailbox), addresses,
                truthy(p.get("delivertomailboxandforward"))));
    }

    private static Optional<Artifact> transportRule(String operation, Map<String, String> p) {
        List<String> addresses = new ArrayList<>();
        addresses.addAll(addresses(p.get("redirectmessageto")));
        addresses.addAll(addresses(p.get("blindcopyto")));
        if (addresses.isEmpty()) return Optional.empty();
        return Optional.of(new Artifact.MailForwarding(operation, p.getOrDefault("name", "transport rule"), addresses,
                p.containsKey("blindcopyto")));
    }

    private static List<String> addresses(String v) {
        if (v == null || v.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String a : v.split("[;,]")) {
            String s = a.trim().replaceFirst("(?i)^smtp:", "");
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    private static boolean truthy(String v) {
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }
}
