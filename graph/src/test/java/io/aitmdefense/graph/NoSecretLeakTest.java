package io.aitmdefense.graph;

import io.aitmdefense.graph.auth.TokenCommandProvider;
import io.aitmdefense.graph.config.Api;
import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.http.Attempt;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants a client secret and access tokens, drives every client through successes and failures, and scans all the
 * module printed, threw (stack traces with causes), reported to the observer and shows in toString() for them.
 */
class NoSecretLeakTest {
    static final String SECRET = "Zq8~planted-client-secret-5ae1";
    static final String FILE_TOKEN = "planted-file-token-93c2e4";
    static final String COMMAND_TOKEN = "planted-command-token-71bd0a";

    @TempDir
    Path dir;

    @Test
    void noSecretOrTokenReachesOutputExceptionsObserversOrToString() throws Exception {
        StringBuilder seen = new StringBuilder();
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String graphToken;
        try (LocalMicrosoft ms = LocalMicrosoft.start()) {
            ms.registerSecret(LocalMicrosoft.CLIENT_ID, SECRET);
            ms.script("GET", "/v1.0/users/jane", Reply.sample(200, "users-get.json"));
            ms.script("DELETE", "/v1.0/groups/g", Reply.sample(403, "error-403-authorization-requestdenied.json"));
            ms.script("GET", "/v1.0/users/busy", Reply.throttled("0.5"));
            ms.script("POST", "/adminapi/beta/" + LocalMicrosoft.TENANT + "/InvokeCommand",
                    Reply.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Error executing cmdlet\"}}"));
            ms.script("GET", "/api/v1.0/" + LocalMicrosoft.TENANT + "/activity/feed/subscriptions/list",
                    Reply.sample(403, "mgmt-error-af429.json"));
            Path secretFile = Files.writeString(dir.resolve("secret.txt"), SECRET);
            MicrosoftClients clients = ms.clients(ms.settings(new Credential.ClientSecret(secretFile)))
                    .sleeper(new RecordingSleeper()).observer(attempts::add).build();

            seen.append(clients.graph().get("/users/jane")).append('\n');
            graphToken = clients.tokens().token(clients.settings().scope(Api.GRAPH)).value();
            seen.append(clients.tokens().token(clients.settings().scope(Api.GRAPH))).append('\n');
            seen.append(clients).append(clients.settings()).append(clients.tokens()).append('\n');
            capture(seen, () -> clients.graph().delete("/groups/g"));
            capture(seen, () -> clients.graph().get("/users/busy"));
            capture(seen, () -> clients.exchange().invoke("Get-Mailbox", Map.of("Identity", "jane")));
            capture(seen, () -> clients.management().list());
            seen.append(clients.graph().batch(List.of(BatchItem.get("1", "/users/jane"), BatchItem.delete("2", "/groups/g"))));

            // the wrong secret: the login error comes back through MSAL
            Path wrong = Files.writeString(dir.resolve("wrong.txt"), SECRET + "-wrong");
            MicrosoftClients bad = ms.clients(ms.settings(new Credential.ClientSecret(wrong))).build();
            capture(seen, () -> bad.graph().get("/users/jane"));

            // a token file the service refuses, then one it accepts
            Path tokenFile = Files.writeString(dir.resolve("token.txt"), FILE_TOKEN);
            MicrosoftClients byFile = ms.clients(ms.settings(new Credential.AccessTokenFile(tokenFile))).observer(attempts::add).build();
            capture(seen, () -> byFile.graph().get("/users/jane"));
            ms.acceptToken(FILE_TOKEN);
            seen.append(byFile.graph().get("/users/jane")).append(byFile.settings()).append('\n');

            // a command that prints a token but fails, and one that prints two lines
            capture(seen, () -> new TokenCommandProvider(List.of("sh", "-c", "echo " + COMMAND_TOKEN + "; exit 2"), Clock.systemUTC())
                    .token("https://graph.microsoft.com/.default"));
            capture(seen, () -> new TokenCommandProvider(List.of("sh", "-c", "echo " + COMMAND_TOKEN + "; echo more"), Clock.systemUTC())
                    .token("https://graph.microsoft.com/.default"));
            seen.append(new Credential.AccessTokenCommand(List.of("echo", COMMAND_TOKEN)).key()).append('\n');

            seen.append(ms.requests()).append('\n');
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        seen.append(attempts).append('\n').append(printed.toString(StandardCharsets.UTF_8));
        String all = seen.toString();

        // the scan saw real failures of every kind, so it cannot pass by having seen nothing
        assertThat(all).contains("Authorization_RequestDenied", "TooManyRequests", "Error executing cmdlet", "AF429",
                "invalid_client", "InvalidAuthenticationToken", "exit code 2", "expected exactly one line");
        assertThat(attempts).hasSizeGreaterThan(8);
        assertThat(graphToken).startsWith("local-graph-");
        assertThat(all).doesNotContain(SECRET, graphToken, FILE_TOKEN, COMMAND_TOKEN);
    }

    private static void capture(StringBuilder seen, Runnable call) {
        try {
            call.run();
            seen.append("no error\n");
        } catch (RuntimeException e) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            seen.append(e).append('\n').append(w).append('\n');
        }
    }

}
