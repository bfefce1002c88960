package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.Service;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks a page's domain in the Tenant Allow/Block List through Exchange admin REST {@code InvokeCommand}:
 * {@code Get-TenantAllowBlockListItems -ListType Url -Block} (a tenant-level cmdlet, anchored on the system mailbox),
 * then {@code New-TenantAllowBlockListItems -ListType Url -Block -Entries <domain> -NoExpiration}. An entry already
 * there is left as it is. The New cmdlet is not sent twice: after a lost answer the read-back decides.
 */
public final class BlockUrlAction implements Action {
    private final Target.Url url;

    public BlockUrlAction(Target.Url url) {
        this.url = url;
    }

    private static Call tenantCmdlet(String name, Map<String, Object> parameters, boolean write) {
        ObjectNode body = Json.object();
        ObjectNode input = body.putObject("CmdletInput");
        input.put("CmdletName", name);
        input.set("Parameters", Json.MAPPER.valueToTree(parameters));
        return new Call("POST", Service.EXCHANGE, "InvokeCommand", Optional.of(body), Map.of(), write, !write);
    }

    @Override
    public Observation observe(TenantApi api) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ListType", "Url");
        p.put("Block", true);
        Reply r = api.call(tenantCmdlet("Get-TenantAllowBlockListItems", p, false));
        if (!r.ok()) {
            String said = r.describe();
            if (said.contains("CommandNotFoundException") || said.contains("is not recognized")) {
                return new Observation(Observation.State.UNREADABLE, Json.object(), List.of(), "the Tenant Allow/Block List "
                        + "is not available to the app (" + said + "): the tenant needs Exchange Online Protection (URL "
                        + "blocks at the time of click need Defender for Office 365) and the app the Security "
                        + "Administrator role; block " + url.entry() + " in the Defender portal or with the script", r);
            }
            return Observation.unreadable(r);
        }
        for (JsonNode item : r.body().path("value")) {
            if (item.path("Value").asText().equalsIgnoreCase(url.entry()) && item.path("Action").asText("Block").equalsIgnoreCase("Block")) {
                String expires = item.path("ExpirationDate").isNull() || item.path("ExpirationDate").asText().isEmpty()
                        ? "never expires" : "expires " + item.path("ExpirationDate").asText();
                return new Observation(Observation.State.DONE, item, List.of(item.path("Identity").asText()),
                        "URL block " + url.entry() + " in the Tenant Allow/Block List (" + expires + ")", r);
            }
        }
        return new Observation(Observation.State.TODO, r.body().path("value"), List.of(url.entry()),
                "no URL block for " + url.entry() + " among " + r.body().path("value").size() + " blocked URLs", r);
    }

    @Override
    public List<Call> writes(Observation before) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ListType", "Url");
        p.put("Block", true);
        p.put("Entries", List.of(url.entry()));
        p.put("NoExpiration", true);
        p.put("Notes", "aitm: a page proxying the sign-in page (sign-in page canary)");
        return List.of(tenantCmdlet("New-TenantAllowBlockListItems", p, true));
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → URL block " + url.entry() + " (no expiry)";
    }
}
