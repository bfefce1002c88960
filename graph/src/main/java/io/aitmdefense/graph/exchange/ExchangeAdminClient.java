package io.aitmdefense.graph.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.graph.http.ApiRequest;
import io.aitmdefense.graph.http.MicrosoftHttp;
import io.aitmdefense.graph.http.NextLinks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exchange Online cmdlets through the admin REST endpoint the Exchange Online PowerShell module itself uses:
 * {@code POST {exchange}/adminapi/beta/{tenantId}/InvokeCommand} with
 * {@code {"CmdletInput":{"CmdletName":"Get-InboxRule","Parameters":{…}}}}; results in {@code value}, more pages by
 * {@code @odata.nextLink}, which is POSTed the same body (as the module and CIPP do). The endpoint is not
 * documented by Microsoft, so it stays behind this one class. Needs {@code Exchange.ManageAsApp} and an Exchange
 * administrator role for the app.
 *
 * <p>Retries: a cmdlet whose verb is {@code Get} only reads, so it is retried like any idempotent call; any other
 * cmdlet follows the rule for actions (retried only when throttled).
 */
public final class ExchangeAdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The arbitration mailbox Exchange routes tenant-level cmdlets to (CIPP, M365Permissions). */
    private static final String SYSTEM_MAILBOX = "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}";
    private static final int MAX_PAGES = 10_000;

    private final MicrosoftHttp http;
    private final URI endpoint;
    private final String tenantId;
    private final String scope;

    public ExchangeAdminClient(MicrosoftHttp http, URI endpoint, String tenantId, String scope) {
        this.http = http;
        this.endpoint = endpoint;
        this.tenantId = tenantId;
        this.scope = scope;
    }

    /**
     * Runs a cmdlet routed to a user's mailbox ({@code X-AnchorMailbox: UPN:jane@contoso.example}).
     *
     * @param parameters cmdlet parameters; a null value is sent as JSON null ({@code -ForwardingSmtpAddress $null})
     */
    public CmdletResult invoke(String cmdlet, Map<String, ?> parameters, String mailboxUpn) {
        return run(cmdlet, parameters, "UPN:" + mailboxUpn);
    }

    /** Runs a tenant-level cmdlet ({@code Get-TransportRule}, {@code Get-Mailbox -ResultSize unlimited}). */
    public CmdletResult invoke(String cmdlet, Map<String, ?> parameters) {
        return run(cmdlet, parameters, "APP:" + SYSTEM_MAILBOX + "@" + tenantId);
    }

    private CmdletResult run(String cmdlet, Map<String, ?> parameters, String anchor) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode input = body.putObject("CmdletInput");
        input.put("CmdletName", cmdlet);
        input.set("Parameters", JSON.valueToTree(parameters));
        boolean reads = cmdlet.regionMatches(true, 0, "Get-", 0, 4);
        Map<String, String> headers = Map.of("X-AnchorMailbox", anchor, "Prefer", "odata.maxpagesize=1000");
        URI url = URI.create(endpoint + "/adminapi/beta/" + tenantId + "/InvokeCommand");
        NextLinks links = new NextLinks(endpoint, MAX_PAGES, "InvokeCommand " + cmdlet);
        List<JsonNode> values = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<String> requestId = Optional.empty();
        while (true) {
            links.visit(url);
            var response = http.send(ApiRequest.of("POST", url, scope, headers, Optional.of(body.toString())).withIdempotent(reads));
            if (requestId.isEmpty()) requestId = response.requestId();
            JsonNode page = response.json();
            if (page.path("value").isArray()) page.path("value").forEach(values::add);
            else if (page.isObject() && !page.isEmpty()) values.add(page);
            page.path("@adminapi.warnings").forEach(w -> warnings.add(w.asText()));
            JsonNode next = page.has("@odata.nextLink") ? page.path("@odata.nextLink") : page.path("odata.nextLink");
            if (!next.isTextual() || next.asText().isEmpty()) break;
            url = links.next(next.asText());
        }
        return new CmdletResult(cmdlet, values, warnings, requestId);
    }
}
