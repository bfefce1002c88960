package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deletes the attacker's inbox rule, found among the mailbox's rules by what the evidence logged: the Exchange rule
 * identity when known, else the display name — and when the log named forward targets, the rule must forward to one
 * of them. A user's own rule of another name, or of the same name forwarding elsewhere, never matches. Graph cannot
 * see rules hidden from MAPI: when Exchange admin REST is allowed, a rule Graph does not list is looked for with
 * {@code Get-InboxRule -IncludeHidden} (by the logged rule id) and removed with {@code Remove-InboxRule}; otherwise
 * it is reported, never assumed gone.
 */
public final class RemoveInboxRuleAction implements Action {
    /** Marks a rule found only through Exchange: its id is the Exchange identity, removed by cmdlet. */
    private static final String EXCHANGE = "exchange:";

    private final Target.InboxRule rule;

    public RemoveInboxRuleAction(Target.InboxRule rule) {
        this.rule = rule;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get(rules()));
        if (!r.ok()) return Observation.unreadable(r);
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode candidate : r.body().path("value")) {
            if (matches(candidate)) matches.add(candidate);
        }
        var snapshot = Json.MAPPER.createArrayNode().addAll(matches);
        if (matches.isEmpty() && api.exchange() && !rule.ruleId().isEmpty()) {
            Reply x = api.call(ClearForwardingAction.cmdlet(rule.mailbox(), "Get-InboxRule",
                    Map.of("Mailbox", rule.mailbox(), "IncludeHidden", true), false));
            if (!x.ok()) return Observation.unreadable(x);
            for (JsonNode candidate : x.body().path("value")) {
                String identity = candidate.path("Identity").asText();
                if (identity.endsWith("\\" + rule.ruleId())) {
                    return new Observation(Observation.State.TODO, Json.MAPPER.createArrayNode().add(candidate),
                            List.of(EXCHANGE + identity), "rule \"" + candidate.path("Name").asText() + "\" " + identity
                            + " hidden from Graph, found by Exchange", x);
                }
            }
        }
        if (matches.isEmpty()) {
            return new Observation(Observation.State.NOT_FOUND, snapshot, List.of(), "no rule \"" + rule.name()
                    + "\" in Graph's list: already gone, or hidden from Graph (Get-InboxRule -IncludeHidden in the script)", r);
        }
        if (matches.size() > 1) {
            return new Observation(Observation.State.AMBIGUOUS, snapshot, ids(matches), matches.size() + " rules match \""
                    + rule.name() + "\": choose in the script", r);
        }
        JsonNode m = matches.get(0);
        return new Observation(Observation.State.TODO, snapshot, ids(matches), "rule \"" + m.path("displayName").asText()
                + "\" " + m.path("id").asText() + describe(m), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return before.ids().stream().map(id -> id.startsWith(EXCHANGE)
                ? ClearForwardingAction.cmdlet(rule.mailbox(), "Remove-InboxRule",
                        Map.of("Identity", id.substring(EXCHANGE.length()), "Confirm", false), true)
                : Call.delete(rules() + "/" + Query.seg(id))).toList();
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → deleted";
    }

    private String rules() {
        return "/v1.0/users/" + Query.seg(rule.mailbox()) + "/mailFolders/inbox/messageRules";
    }

    boolean matches(JsonNode candidate) {
        if (!rule.ruleId().isEmpty() && rule.ruleId().equals(candidate.path("id").asText())) return true;
        if (rule.name().isEmpty() && rule.recipients().isEmpty()) return false;
        if (!rule.name().isEmpty() && !rule.name().equalsIgnoreCase(candidate.path("displayName").asText())) return false;
        if (rule.recipients().isEmpty()) return true;
        Set<String> theirs = recipients(candidate);
        return rule.recipients().stream().anyMatch(a -> theirs.contains(a.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> recipients(JsonNode rule) {
        Set<String> all = new TreeSet<>();
        for (String field : List.of("forwardTo", "redirectTo", "forwardAsAttachmentTo")) {
            for (JsonNode r : rule.path("actions").path(field)) {
                all.add(r.path("emailAddress").path("address").asText().toLowerCase(Locale.ROOT));
            }
        }
        return all;
    }

    private static String describe(JsonNode rule) {
        Set<String> to = recipients(rule);
        JsonNode a = rule.path("actions");
        StringBuilder b = new StringBuilder();
        if (!to.isEmpty()) b.append(" forwards to ").append(String.join(", ", to));
        if (a.path("delete").asBoolean() || a.path("permanentDelete").asBoolean()) b.append(" deletes");
        if (a.has("moveToFolder")) b.append(" moves to ").append(a.path("moveToFolder").asText());
        if (a.path("markAsRead").asBoolean()) b.append(" marks read");
        return b.toString();
    }

    private static List<String> ids(List<JsonNode> rules) {
        return rules.stream().map(n -> n.path("id").asText()).toList();
    }
}
