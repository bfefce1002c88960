package io.aitmdefense.graph.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.http.ApiException;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordedRequest;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeAdminClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/adminapi/beta/" + LocalMicrosoft.TENANT + "/InvokeCommand";

    @TempDir
    Path dir;
    LocalMicrosoft ms;
    RecordingSleeper sleeper = new RecordingSleeper();
    ExchangeAdminClient exchange;

    @BeforeEach
    void start() throws Exception {
        ms = LocalMicrosoft.start();
        ms.registerSecret(LocalMicrosoft.CLIENT_ID, "exo-secret");
        Path secret = Files.writeString(dir.resolve("secret"), "exo-secret");
        MicrosoftClients clients = ms.clients(ms.settings(new Credential.ClientSecret(secret))).sleeper(sleeper).build();
        exchange = clients.exchange();
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    /** Two pages of Get-InboxRule output (stand-in objects with the cmdlet's property names), the second with a warning. */
    @Test
    void getInboxRuleFollowsNextLinksWithTheSameBodyAndAnExchangeToken() throws Exception {
        ms.on("POST", PATH, r -> {
            boolean second = r.query().contains("skiptoken");
            String rule = second
                    ? "{\"Identity\":\"jane\\\\3\",\"Name\":\".\",\"Enabled\":true,\"ForwardTo\":[\"\\\"x@attacker.example\\\" [SMTP:x@attacker.example]\"],\"DeleteMessage\":true}"
                    : "{\"Identity\":\"jane\\\\1\",\"Name\":\"Move newsletters\",\"Enabled\":true,\"ForwardTo\":null,\"DeleteMessage\":false}";
            String next = second ? "" : ",\"@odata.nextLink\":\"" + ms.baseUri() + PATH + "?$skiptoken=2\"";
            String warnings = second ? ",\"@adminapi.warnings\":[\"The hidden rule was included because -IncludeHidden was given.\"]" : "";
            return Reply.json(200, "{\"@odata.context\":\"" + ms.baseUri() + "/adminapi/beta/$metadata#Collection(Exchange.GenericHashTable)\""
                    + next + warnings + ",\"value\":[" + rule + "]}");
        });
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("Mailbox", "jane@contoso.example");
        params.put("IncludeHidden", true);

        CmdletResult result = exchange.invoke("Get-InboxRule", params, "jane@contoso.example");

        assertThat(result.values()).extracting(v -> v.path("Identity").asText()).containsExactly("jane\\1", "jane\\3");
        assertThat(result.warnings()).containsExactly("The hidden rule was included because -IncludeHidden was given.");
        List<RecordedRequest> calls = ms.requests("POST", PATH);
        assertThat(calls).hasSize(2);
        JsonNode body = JSON.readTree(calls.get(0).body());
        assertThat(body).isEqualTo(JSON.readTree("{\"CmdletInput\":{\"CmdletName\":\"Get-InboxRule\",\"Parameters\":"
                + "{\"Mailbox\":\"jane@contoso.example\",\"IncludeHidden\":true}}}"));
        assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
        assertThat(calls).allSatisfy(c -> assertThat(c.header("X-AnchorMailbox")).contains("UPN:jane@contoso.example"));
        assertThat(ms.tokenRequests().get(0).body()).contains("https%3A%2F%2Foutlook.office365.com%2F.default");
    }

    @Test
    void aTenantCmdletIsAnchoredOnTheSystemMailboxAndNullParametersStayNull() throws Exception {
        ms.script("POST", PATH, Reply.json(200, "{\"value\":[]}"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("Identity", "jane@contoso.example");
        params.put("ForwardingSmtpAddress", null);
        params.put("DeliverToMailboxAndForward", false);

        exchange.invoke("Set-Mailbox", params);

        RecordedRequest call = ms.requests("POST", PATH).get(0);
        assertThat(call.header("X-AnchorMailbox")).contains("APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@" + LocalMicrosoft.TENANT);
        assertThat(JSON.readTree(call.body()).path("CmdletInput").path("Parameters").get("ForwardingSmtpAddress").isNull()).isTrue();
    }

    @Test
    void cmdletErrorsCarryTheCmdletsOwnMessageAndOnlyReadsAreRetriedAfter503() {
        ms.script("POST", PATH, Reply.json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"Error executing cmdlet\","
                + "\"details\":[{\"code\":\"Context\",\"target\":\"\",\"message\":\"Ex6F9304|Microsoft.Exchange.Configuration.Tasks."
                + "ManagementObjectNotFoundException|The operation couldn't be performed because object 'nobody' couldn't be found.\"}]}}"));
        assertThatThrownBy(() -> exchange.invoke("Get-Mailbox", Map.of("Identity", "nobody")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("NotFound");
                    assertThat(e.getMessage()).contains("Error executing cmdlet (Ex6F9304|", "object 'nobody' couldn't be found");
                });

        ms.script("POST", PATH, Reply.unavailable(null), Reply.json(200, "{\"value\":[{\"ForwardingSmtpAddress\":null}]}"));
        assertThat(exchange.invoke("Get-Mailbox", Map.of("Identity", "jane@contoso.example")).values()).hasSize(1);
        int afterRead = ms.requests("POST", PATH).size();

        ms.script("POST", PATH, Reply.unavailable(null), Reply.json(200, "{\"value\":[]}"));
        assertThatThrownBy(() -> exchange.invoke("Set-Mailbox", Collections.singletonMap("Identity", "jane@contoso.example")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(ms.requests("POST", PATH).size() - afterRead).isEqualTo(1);
    }
}
