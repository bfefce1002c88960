package io.aitmdefense.graph.auth;

import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.Api;
import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordedRequest;
import io.aitmdefense.graph.testkit.Reply;
import io.aitmdefense.graph.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenProvidersTest {
    private static final String GRAPH = "https://graph.microsoft.com/.default";

    @TempDir
    Path dir;
    LocalMicrosoft ms;

    @BeforeEach
    void start() {
        ms = LocalMicrosoft.start();
        ms.script("GET", "/v1.0/users/jane@contoso.example", Reply.sample(200, "users-get.json"));
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    private String userName(MicrosoftClients clients) {
        return clients.graph().get("/users/jane@contoso.example").json().path("displayName").asText();
    }

    @Test
    void certificateInPfxWithPasswordFileGetsATokenThroughMsalAndTheTokenIsAccepted() {
        SelfSignedCertificate app = SelfSignedCertificate.create(dir, "app");
        ms.registerCertificate(LocalMicrosoft.CLIENT_ID, app.certificate());
        var settings = ms.settings(new Credential.Certificate(app.pfx(), Optional.of(app.pfxPasswordFile())));

        assertThat(userName(ms.clients(settings).build())).isEqualTo("Adele Vance");

        RecordedRequest tokenRequest = ms.tokenRequests().get(0);
        assertThat(tokenRequest.path()).isEqualTo("/" + LocalMicrosoft.TENANT + "/oauth2/v2.0/token");
        assertThat(tokenRequest.body()).contains("client_assertion=[redacted]", "grant_type=client_credentials")
                .contains("https%3A%2F%2Fgraph.microsoft.com%2F.default").doesNotContain("client_secret");
    }

    @Test
    void certificateInPemFileGetsAToken() {
        SelfSignedCertificate app = SelfSignedCertificate.create(dir, "app-pem");
        ms.registerCertificate(LocalMicrosoft.CLIENT_ID, app.certificate());

        var clients = ms.clients(ms.settings(new Credential.Certificate(app.pem(), Optional.empty()))).build();

        assertThat(userName(clients)).isEqualTo("Adele Vance");
    }

    @Test
    void certificateTheTenantDoesNotKnowIsRefusedWithTheLoginError() {
        ms.registerCertificate(LocalMicrosoft.CLIENT_ID, SelfSignedCertificate.create(dir, "registered").certificate());
        SelfSignedCertificate other = SelfSignedCertificate.create(dir, "other");
        var clients = ms.clients(ms.settings(new Credential.Certificate(other.pem(), Optional.empty()))).build();

        assertThatThrownBy(() -> userName(clients)).isInstanceOf(TokenException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("signature");
    }

    @Test
    void clientSecretGetsATokenAndAWrongOneFailsWithoutShowingIt() throws Exception {
        ms.registerSecret(LocalMicrosoft.CLIENT_ID, "s3cret~value~1");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cret~value~1\n");
        assertThat(userName(ms.clients(ms.settings(new Credential.ClientSecret(secret))).build())).isEqualTo("Adele Vance");

        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "wrong~secret~2");
        var clients = ms.clients(ms.settings(new Credential.ClientSecret(wrong))).build();
        assertThatThrownBy(() -> userName(clients)).isInstanceOf(TokenException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("AADSTS7000215")
                .hasMessageNotContaining("wrong~secret~2");
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeExpiryAndEachApiHasItsOwn() throws Exception {
        ms.registerSecret(LocalMicrosoft.CLIENT_ID, "s3cret");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cret");
        var clients = ms.clients(ms.settings(new Credential.ClientSecret(secret))).build();

        userName(clients);
        userName(clients);
        userName(clients);
        assertThat(ms.tokenRequests()).hasSize(1);

        AccessToken graph = clients.tokens().token(GRAPH);
        AccessToken exchange = clients.tokens().token(clients.settings().scope(Api.EXCHANGE));
        assertThat(exchange.value()).isNotEqualTo(graph.value()).startsWith("local-exchange-");
        assertThat(ms.tokenRequests()).hasSize(2);
    }

    @Test
    void theCacheRenewsATokenFiveMinutesBeforeItExpires() {
        Instant[] now = {Instant.parse("2025-03-01T10:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId z) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        int[] fetched = {0};
        TokenProvider source = scope -> new AccessToken("t" + (++fetched[0]), now[0].plusSeconds(3599));
        CachingTokenProvider cache = new CachingTokenProvider(source, clock);

        assertThat(cache.token(GRAPH).value()).isEqualTo("t1");
        now[0] = now[0].plusSeconds(3599 - 301);
        assertThat(cache.token(GRAPH).value()).isEqualTo("t1");
        now[0] = now[0].plusSeconds(2);
        assertThat(cache.token(GRAPH).value()).isEqualTo("t2");
    }

    @Test
    void accessTokenFileIsSentAsIsAndAnExpiredJwtIsRefusedBeforeAnyCall() throws Exception {
        Path file = Files.writeString(dir.resolve("token.txt"), "delegated-token-from-az\n");
        ms.acceptToken("delegated-token-from-az");
        assertThat(userName(ms.clients(ms.settings(new Credential.AccessTokenFile(file))).build())).isEqualTo("Adele Vance");
        assertThat(ms.tokenRequests()).isEmpty();

        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String expired = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"aud\":\"https://graph.microsoft.com\",\"exp\":1700000000}".getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
        Files.writeString(file, expired);
        var clients = ms.clients(ms.settings(new Credential.AccessTokenFile(file))).build();
        assertThatThrownBy(() -> userName(clients)).isInstanceOf(TokenException.class)
                .hasMessageContaining("expired at 2023-11-14T22:13:20Z").hasMessageNotContaining(expired);
        assertThat(ms.requests("GET", "/v1.0/users/jane@contoso.example")).hasSize(1);
    }

    @Test
    void accessTokenCommandRunsWithoutAShellWithTheResourceFilledIn() {
        ms.acceptToken("token-for-https://graph.microsoft.com");
        var cmd = new Credential.AccessTokenCommand(List.of("echo", "token-for-{resource}"));

        assertThat(userName(ms.clients(ms.settings(cmd)).build())).isEqualTo("Adele Vance");

        var shellSyntax = new TokenCommandProvider(List.of("echo", "$(id)"), Clock.systemUTC());
        assertThat(shellSyntax.token(GRAPH).value()).isEqualTo("$(id)");
    }

    @Test
    void aFailingTokenCommandSaysWhichCommandAndItsExitCode() {
        var provider = new TokenCommandProvider(List.of("sh", "-c", "echo 'Please run az login' >&2; exit 3"), Clock.systemUTC());
        assertThatThrownBy(() -> provider.token(GRAPH)).isInstanceOf(TokenException.class)
                .hasMessage("accessTokenCommand 'sh': exit code 3: Please run az login");

        var missing = new TokenCommandProvider(List.of("/nonexistent/az"), Clock.systemUTC());
        assertThatThrownBy(() -> missing.token(GRAPH)).isInstanceOf(TokenException.class)
                .hasMessageStartingWith("accessTokenCommand '/nonexistent/az': cannot start it");
    }
}
