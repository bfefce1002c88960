package io.aitmdefense.graph.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicrosoftSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path FILE = Path.of("/etc/aitm/tenant.yaml");

    private static MicrosoftSettings parse(String yaml) throws Exception {
        JsonNode root = YAML.readTree(yaml);
        return MicrosoftSettings.parse(root.get("microsoft"), FILE);
    }

    private static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (SettingsException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a SettingsException");
    }

    @Test
    void certificateWithPasswordFileInTheGlobalCloud() throws Exception {
        MicrosoftSettings s = parse("""
                microsoft:
                  tenantId: f28ab78a-d401-4060-8012-736e373933eb
                  clientId: 535fb089-9ff3-47b6-9bfb-4f1264799865
                  certificateFile: secrets/aitm.pfx
                  certificatePasswordFile: secrets/aitm.pfx.password
                """);
        assertThat(s.credential()).isEqualTo(new Credential.Certificate(Path.of("/etc/aitm/secrets/aitm.pfx"),
                Optional.of(Path.of("/etc/aitm/secrets/aitm.pfx.password"))));
        assertThat(s.cloud()).isEqualTo(Cloud.GLOBAL);
        assertThat(s.tokenEndpoint()).hasToString("https://login.microsoftonline.com/f28ab78a-d401-4060-8012-736e373933eb/oauth2/v2.0/token");
        assertThat(s.scope(Api.GRAPH)).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(s.scope(Api.EXCHANGE)).isEqualTo("https://outlook.office365.com/.default");
        assertThat(s.scope(Api.MANAGEMENT)).isEqualTo("https://manage.office.com/.default");
        assertThat(s.publisherIdentifier()).isEqualTo("f28ab78a-d401-4060-8012-736e373933eb");
    }

    @Test
    void nationalCloudsHaveTheirOwnHostsAndScopes() throws Exception {
        MicrosoftSettings gov = parse("""
                microsoft: {tenantId: t, clientId: c, clientSecretFile: s.txt, cloud: usgov}
                """);
        assertThat(gov.endpoints()).isEqualTo(new Endpoints(URI.create("https://login.microsoftonline.us"),
                URI.create("https://graph.microsoft.us"), URI.create("https://outlook.office365.us"),
                URI.create("https://manage.office365.us")));
        assertThat(gov.scope(Api.GRAPH)).isEqualTo("https://graph.microsoft.us/.default");

        MicrosoftSettings china = parse("""
                microsoft: {tenantId: t, clientId: c, clientSecretFile: s.txt, cloud: China}
                """);
        assertThat(china.endpoints().login()).hasToString("https://login.partner.microsoftonline.cn");
        assertThat(china.scope(Api.GRAPH)).isEqualTo("https://microsoftgraph.chinacloudapi.cn/.default");
        assertThat(china.scope(Api.EXCHANGE)).isEqualTo("https://partner.outlook.cn/.default");
        assertThat(china.scope(Api.MANAGEMENT)).isEqualTo("https://manage.office365.cn/.default");
    }

    @Test
    void endpointsOverrideTheHostsButNotTheTokenAudience() throws Exception {
        MicrosoftSettings s = parse("""
                microsoft:
                  tenantId: t
                  clientId: c
                  clientSecretFile: s.txt
                  endpoints:
                    login: https://127.0.0.1:8443/
                    graph: http://127.0.0.1:9000
                    management: https://manage-gcc.office.com
                """);
        assertThat(s.endpoints()).isEqualTo(new Endpoints(URI.create("https://127.0.0.1:8443"),
                URI.create("http://127.0.0.1:9000"), URI.create("https://outlook.office365.com"),
                URI.create("https://manage-gcc.office.com")));
        assertThat(s.scope(Api.GRAPH)).isEqualTo("https://graph.microsoft.com/.default");
    }

    @Test
    void accessTokenCommandAsOneLineOrAList() throws Exception {
        MicrosoftSettings line = parse("""
                microsoft:
                  tenantId: t
                  accessTokenCommand: az account get-access-token --resource-type ms-graph --query "accessToken" -o tsv
                """);
        assertThat(line.credential()).isEqualTo(new Credential.AccessTokenCommand(List.of("az", "account",
                "get-access-token", "--resource-type", "ms-graph", "--query", "accessToken", "-o", "tsv")));
        assertThat(line.clientId()).isEmpty();

        MicrosoftSettings list = parse("""
                microsoft: {tenantId: t, accessTokenCommand: [az, account, get-access-token, --resource, "{resource}"]}
                """);
        assertThat(((Credential.AccessTokenCommand) list.credential()).command()).containsExactly("az", "account",
                "get-access-token", "--resource", "{resource}");
    }

    @Test
    void twoCredentialsAreAnError() {
        assertThat(problems("""
                microsoft: {tenantId: t, clientId: c, certificateFile: a.pfx, clientSecretFile: s.txt}
                """)).containsExactly("/etc/aitm/tenant.yaml: microsoft: certificateFile and clientSecretFile are both"
                + " given; keep exactly one credential");
    }

    @Test
    void noCredentialIsAnError() {
        assertThat(problems("microsoft: {tenantId: t, clientId: c}")).containsExactly("/etc/aitm/tenant.yaml:"
                + " microsoft: no credential; give exactly one of certificateFile (preferred), clientSecretFile,"
                + " accessTokenFile or accessTokenCommand");
    }

    @Test
    void anInlineSecretIsRefusedAndNotRepeatedInTheMessage() {
        List<String> p = problems("microsoft: {tenantId: t, clientId: c, clientSecret: Zq8~inline-secret}");
        assertThat(p).containsExactly("/etc/aitm/tenant.yaml: microsoft.clientSecret: a secret is never written in the"
                + " tenant file; put it in a file readable only by you and name that file with clientSecretFile");
        assertThat(String.join("\n", p)).doesNotContain("Zq8~inline-secret");
    }

    @Test
    void unknownKeysAndBadValuesAreAllReportedWithFileAndKey() {
        List<String> p = problems("""
                microsoft:
                  tenantId: t
                  clientID: c
                  clientSecretFile: s.txt
                  cloud: germany
                  endpoints:
                    graph: http://graph.contoso.example
                    login: "not a url"
                    outlook: https://outlook.office365.com
                """);
        assertThat(p).containsExactlyInAnyOrder(
                "/etc/aitm/tenant.yaml: microsoft.clientID: unknown key; known: [accessTokenCommand, accessTokenFile,"
                        + " certificateFile, certificatePasswordFile, clientId, clientSecretFile, cloud, endpoints,"
                        + " publisherIdentifier, tenantId]",
                "/etc/aitm/tenant.yaml: microsoft.cloud: 'germany' is not a cloud (expected global, usgov or china)",
                "/etc/aitm/tenant.yaml: microsoft.endpoints.outlook: unknown key; known: [exchange, graph, login, management]",
                "/etc/aitm/tenant.yaml: microsoft.endpoints.login: 'not a url' is not a URL: Illegal character in path",
                "/etc/aitm/tenant.yaml: microsoft.endpoints.graph: 'http://graph.contoso.example': plain http is only"
                        + " allowed to this machine (127.0.0.1, localhost), for tests; tokens must not cross the network unencrypted",
                "/etc/aitm/tenant.yaml: microsoft.clientId: required with clientSecretFile (the application (client) id"
                        + " of the app registration)");
    }

    @Test
    void aMissingSectionOrTenantIsReported() {
        assertThat(problems("other: 1")).containsExactly("/etc/aitm/tenant.yaml: microsoft: expected a section with"
                + " tenantId, clientId and one credential");
        assertThat(problems("microsoft: {accessTokenFile: t.txt}")).containsExactly(
                "/etc/aitm/tenant.yaml: microsoft.tenantId: required");
        assertThatThrownBy(() -> parse("microsoft: {accessTokenFile: t.txt}")).isInstanceOf(SettingsException.class)
                .hasMessage("/etc/aitm/tenant.yaml: microsoft.tenantId: required");
    }
}
