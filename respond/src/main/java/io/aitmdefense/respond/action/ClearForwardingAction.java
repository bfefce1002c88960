package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.Service;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clears mailbox forwarding through Exchange admin REST {@code InvokeCommand} ({@code Get-Mailbox}, then
 * {@code Set-Mailbox -ForwardingSmtpAddress $null -ForwardingAddress $null -DeliverToMailboxAndForward $false}):
 * Graph has no forwarding property. The cmdlet travels as a POST; only {@code Set-Mailbox} is a write.
 */
public final class ClearForwardingAction implements Action {
    private final Target.Forwarding forwarding;

    public ClearForwardingAction(Target.Forwarding forwarding) {
        this.forwarding = forwarding;
    }

    /** A cmdlet call; {@code write} marks whether it changes anything. */
    public static Call cmdlet(String mailbox, String name, Map<String, Object> parameters, boolean write) {
        ObjectNode body = Json.object();
        ObjectNode input = body.putObject("CmdletInput");
        input.put("CmdletName", name);
        input.set("Parameters", Json.MAPPER.valueToTree(parameters));
        return new Call("POST", Service.EXCHANGE, "InvokeCommand", Optional.of(body),
                Map.of("X-AnchorMailbox", "UPN:" + mailbox), write, true);
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(cmdlet(forwarding.mailbox(), "Get-Mailbox", Map.of("Identity", forwarding.mailbox()), false));
        if (!r.ok()) return Observation.unreadable(r);
        JsonNode box = r.body().path("value").path(0);
        String smtp = box.path("ForwardingSmtpAddress").asText("");
        String address = box.path("ForwardingAddress").asText("");
        boolean clear = smtp.isEmpty() && address.isEmpty();
        return new Observation(clear ? Observation.State.DONE : Observation.State.TODO, box, List.of(forwarding.mailbox()),
                "ForwardingSmtpAddress " + (smtp.isEmpty() ? "(none)" : smtp) + ", ForwardingAddress "
                        + (address.isEmpty() ? "(none)" : address) + ", DeliverToMailboxAndForward "
                        + box.path("DeliverToMailboxAndForward").asBoolean(false), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("Identity", forwarding.mailbox());
        p.put("ForwardingSmtpAddress", null);
        p.put("ForwardingAddress", null);
        p.put("DeliverToMailboxAndForward", false);
        return List.of(cmdlet(forwarding.mailbox(), "Set-Mailbox", p, true));
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → no forwarding";
    }
}
