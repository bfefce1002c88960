package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aitm posture} reads the sign-in page canary from the branding: a CSS file written by {@code aitm harden canary
 * --out}, a stale or foreign one, one without a canary, the tenant's branding through Graph (the stand-in), and
 * nothing at all, which is "not checked", never "absent".
 */
class PostureCanaryTest {
    static final String HARDENED = PostureCommandTest.HARDENED;
    static final String URL = "https://aitm.contoso.example/canary/Q2FuYXJ5VG9rZW4xMjM0NTY3.gif";
    static final String OLD = "https://aitm.contoso.example/canary/T2xkVG9rZW5PZlRoaXNTZXJ2aWNl.gif";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void withoutTheBrandingTheCanaryIsNotCheckedAndNoFindingIsRaised() throws Exception {
        CommandRun run = aitm("posture", HARDENED, "--json");
        assertThat(run.status()).isEqualTo(ExitCodes.OK);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.at("/signInPageCanary/status").asText()).isEqualTo("not-checked");
        assertThat(json.at("/findings").findValuesAsText("id")).doesNotContain("AITM-CA-033");
        assertThat(aitm("posture", HARDENED).out()).contains("Sign-in page canary: not checked.");
    }

    @Test
    void theCssHardenCanaryWritesIsPresentInEveryOutput() throws Exception {
        Path css = dir.resolve("custom.css");
        Files.writeString(css, ".ext-header { background-color: #0b3d91; }\n");
        assertThat(aitm("harden", "canary", "--url", URL, "--out", css.toString()).status()).isEqualTo(ExitCodes.OK);

        CommandRun run = aitm("posture", HARDENED, "--branding", css.toString(), "--canary-url", URL, "--out", dir.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Sign-in page canary: present. The sign-in page loads this tenant's canary " + URL, "Findings (0)");
        JsonNode json = JSON.readTree(dir.resolve("posture.json").toFile());
        assertThat(json.at("/signInPageCanary/status").asText()).isEqualTo("present");
        assertThat(json.at("/signInPageCanary/url").asText()).isEqualTo(URL);
        assertThat(json.at("/signInPageCanary/expected").asText()).isEqualTo(URL);
        assertThat(json.at("/signInPageCanary/source").asText()).isEqualTo(css.toString());
        assertThat(Files.readString(dir.resolve("posture.html"))).contains("<h2>Sign-in page canary</h2>",
                "class=\"canary present\"", URL);
    }

    @Test
    void anOlderTokenIsStaleAndACssWithoutTheBlockIsAbsentBothAFinding() throws Exception {
        Path css = dir.resolve("custom.css");
        assertThat(aitm("harden", "canary", "--url", OLD, "--out", css.toString()).status()).isEqualTo(ExitCodes.OK);
        CommandRun stale = aitm("posture", HARDENED, "--branding", css.toString(), "--canary-url", URL, "--json");
        JsonNode json = JSON.readTree(stale.out());
        assertThat(json.at("/signInPageCanary/status").asText()).isEqualTo("stale");
        assertThat(json.at("/signInPageCanary/detail").asText()).contains("an older canary token of this service", OLD);
        assertThat(json.at("/findings/0/id").asText()).isEqualTo("AITM-CA-033");
        assertThat(json.at("/findings/0/severity").asText()).isEqualTo("medium");
        assertThat(stale.status()).as("medium is below the default --fail-on high").isEqualTo(ExitCodes.OK);
        assertThat(aitm("posture", HARDENED, "--branding", css.toString(), "--canary-url", URL, "--fail-on", "medium").status())
                .isEqualTo(ExitCodes.FINDINGS);

        Files.writeString(css, ".ext-header { background-color: #0b3d91; }\n");
        CommandRun absent = aitm("posture", HARDENED, "--branding", css.toString());
        assertThat(absent.out()).contains("Sign-in page canary: absent.", "AITM-CA-033 medium   The sign-in page carries no working AiTM canary");
    }

    @Test
    void theTenantsBrandingIsReadThroughGraphWithTheSameReadAsHardenCanaryCheck() throws Exception {
        try (LocalTenant tenant = new LocalTenant(Clock.systemUTC())) {
            Path config = tenantFile(tenant);
            CommandRun none = aitm("posture", HARDENED, "--config", config.toString(), "--json");
            assertThat(JSON.readTree(none.out()).at("/signInPageCanary/status").asText()).as("no custom CSS (404)").isEqualTo("absent");

            Path css = dir.resolve("custom.css");
            aitm("harden", "canary", "--url", URL, "--out", css.toString());
            tenant.brandingCss(Files.readString(css));
            JsonNode json = JSON.readTree(aitm("posture", HARDENED, "--config", config.toString(), "--canary-url", URL, "--json").out());
            assertThat(json.at("/signInPageCanary/status").asText()).isEqualTo("present");
            assertThat(json.at("/signInPageCanary/source").asText()).isEqualTo("graph");

            CommandRun check = aitm("harden", "canary", "--check", "--config", config.toString(), "--url", OLD);
            assertThat(check.status()).as("the tenant carries another token than --url").isEqualTo(ExitCodes.FINDINGS);
            assertThat(check.out()).contains("Sign-in page canary: stale.");
            assertThat(aitm("harden", "canary", "--check", "--config", config.toString()).status()).isEqualTo(ExitCodes.OK);
            assertThat(tenant.writes()).as("posture and --check only read").isEmpty();
        }
    }

    @Test
    void usageErrorsNameTheOption() {
        CommandRun missing = aitm("posture", HARDENED, "--branding", dir.resolve("none.css").toString());
        assertThat(missing.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--branding", "no such file");
        CommandRun url = aitm("posture", HARDENED, "--branding", HARDENED, "--canary-url", "http://x.example/a.gif");
        assertThat(url.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(url.err()).contains("--canary-url must be https://HOST/canary/TOKEN.gif");
    }

    private Path tenantFile(LocalTenant tenant) throws Exception {
        Files.writeString(dir.resolve("token.txt"), Contoso.TOKEN);
        Path yaml = dir.resolve("tenant.yaml");
        Files.writeString(yaml, """
                microsoft:
                  tenantId: %s
                  clientId: 11111111-2222-3333-4444-555555555555
                  accessTokenFile: token.txt
                  endpoints: {login: %s, graph: %s, exchange: %s}
                """.formatted(Contoso.TENANT, tenant.url(), tenant.url(), tenant.url()));
        return yaml;
    }
}
