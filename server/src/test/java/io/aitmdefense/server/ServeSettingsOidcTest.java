package io.aitmdefense.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aitmdefense.graph.testkit.SelfSignedCertificate;
import io.aitmdefense.server.web.OidcSettings;
import io.aitmdefense.server.web.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serve file's {@code oidc:} section: what it holds, and each mistake named by file and key. */
class ServeSettingsOidcTest {
    static final String GOOD = """
            tenant: contoso.onmicrosoft.com
            clientId: 6731DE76-14a6-49ae-97bc-6eba6914391e
            clientSecretFile: oidc-secret.txt
            redirectUri: https://aitm.contoso.example/login/oidc/callback
            roles: {admin: [Aitm.Admin], responder: [Aitm.Responder, 8a2f7c4e-0b1d-4e55-9d3a-5c6b7e8f9a01], viewer: Aitm.Viewer}
            """;

    @TempDir
    Path dir;

    @Test
    void theSectionIsReadWithTheSecretFromItsFileAndTheGlobalCloudByDefault() throws Exception {
        Files.writeString(dir.resolve("oidc-secret.txt"), "Xy8Q~not-a-real-secret\n");
        Files.writeString(dir.resolve("serve.yaml"), "data: d\nsources:\n  - {type: folder, path: inbox}\noidc:\n"
                + GOOD.indent(2));
        OidcSettings o = ServeSettings.load(dir.resolve("serve.yaml")).oidc().orElseThrow();
        assertThat(o.tenant()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(o.tenantId()).as("a domain: the discovery document says the id").isEmpty();
        assertThat(o.clientId()).isEqualTo("6731de76-14a6-49ae-97bc-6eba6914391e");
        assertThat(((OidcSettings.Secret) o.credential()).value()).isEqualTo("Xy8Q~not-a-real-secret");
        assertThat(o.authority()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(o.roles()).containsEntry(Role.VIEWER, Set.of("Aitm.Viewer"))
                .containsEntry(Role.RESPONDER, Set.of("Aitm.Responder", "8a2f7c4e-0b1d-4e55-9d3a-5c6b7e8f9a01"));
        assertThat(o.toString() + o.credential()).doesNotContain("Xy8Q");
        assertThat(o.roleOf(List.of("Aitm.Viewer", "Aitm.Admin"), List.of())).hasValue(Role.ADMIN);
        assertThat(o.roleOf(List.of(), List.of("8A2F7C4E-0B1D-4E55-9D3A-5C6B7E8F9A01"))).hasValue(Role.RESPONDER);
        assertThat(o.roleOf(List.of("Aitm.Unknown"), List.of())).as("no mapping, no role").isEmpty();

        Files.writeString(dir.resolve("plain.yaml"), "data: d\nsources:\n  - {type: folder, path: inbox}\n");
        assertThat(ServeSettings.load(dir.resolve("plain.yaml")).oidc()).isEmpty();
    }

    @Test
    void theSecretFromTheEnvironmentAndANationalCloudAuthority() throws Exception {
        OidcSettings o = parse(GOOD.replace("clientSecretFile: oidc-secret.txt", "clientSecretEnv: AITM_OIDC_SECRET")
                        + "authority: https://login.microsoftonline.us/\n",
                Map.of("AITM_OIDC_SECRET", " from-env ")).orElseThrow();
        assertThat(((OidcSettings.Secret) o.credential()).value()).isEqualTo("from-env");
        assertThat(o.authority()).isEqualTo(URI.create("https://login.microsoftonline.us"));
    }

    @Test
    void theAppsCertificateInsteadOfASecret() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "aitm-console");
        String yaml = GOOD.replace("clientSecretFile: oidc-secret.txt", "certificateFile: " + cert.pfx().getFileName()
                + "\ncertificatePasswordFile: " + cert.pfxPasswordFile().getFileName());
        OidcSettings o = parse(yaml, Map.of()).orElseThrow();
        assertThat(o.credential()).isInstanceOfSatisfying(OidcSettings.Certificate.class,
                c -> assertThat(c.file().chain().get(0)).isEqualTo(cert.certificate()));
        assertThat(o.credential().toString()).contains("CN=aitm-console").doesNotContain(cert.password());
        assertThat(parse(GOOD.replace("clientSecretFile: oidc-secret.txt", "certificateFile: " + cert.pem().getFileName()), Map.of()))
                .as("or a PEM file with the certificate and its key").isPresent();

        assertThatThrownBy(() -> parse(GOOD.replace("clientSecretFile: oidc-secret.txt", "certificateFile: " + cert.pfx().getFileName()), Map.of()))
                .hasMessageStartingWith("serve.yaml: oidc.certificateFile: ").hasMessageContaining("password");
        assertThatThrownBy(() -> parse(GOOD + "certificatePasswordFile: pw.txt\n", Map.of()))
                .hasMessage("serve.yaml: oidc.certificatePasswordFile: only with certificateFile");
        assertThatThrownBy(() -> parse(GOOD + "certificateFile: app.pfx\n", Map.of())).hasMessageContaining(
                "name the app's credential by exactly one of them (got certificateFile, clientSecretFile)");
    }

    @Test
    void eachMistakeIsNamedByKeyWithTheReason() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(GOOD.replace("clientSecretFile: oidc-secret.txt", "clientSecret: hunter2"), "oidc.clientSecret: a client secret is a secret");
        cases.put(GOOD.replace("clientSecretFile: oidc-secret.txt", "clientSecretEnv: AITM_UNSET"), "oidc.clientSecretEnv: the environment variable AITM_UNSET is not set");
        cases.put(GOOD.replace("clientSecretFile: oidc-secret.txt", ""), "oidc.certificateFile/clientSecretFile/clientSecretEnv: name the app's credential by exactly one");
        cases.put(GOOD.replace("oidc-secret.txt", "missing.txt"), "oidc.clientSecretFile: cannot read");
        cases.put(GOOD.replace("contoso.onmicrosoft.com", "organizations"), "oidc.tenant: 'organizations' would let any organisation's users sign in");
        cases.put(GOOD.replace("contoso.onmicrosoft.com", "not a tenant"), "oidc.tenant: 'not a tenant' is neither a tenant id");
        cases.put(GOOD.replace("6731DE76-14a6-49ae-97bc-6eba6914391e", "aitm-console"), "oidc.clientId: 'aitm-console' is not an application (client) id");
        cases.put(GOOD.replace("https://aitm.contoso.example/login/oidc/callback", "http://aitm.contoso.example/login/oidc/callback"),
                "oidc.redirectUri: must be https://host/… (http only for localhost)");
        cases.put(GOOD.replace("/login/oidc/callback", "/auth"), "oidc.redirectUri: must end with /login/oidc/callback");
        cases.put(GOOD + "authority: https://login.microsoftonline.com/contoso.onmicrosoft.com\n", "oidc.authority: the host only");
        cases.put(GOOD.replaceAll("roles: .*\n", ""), "oidc.roles: required");
        cases.put(GOOD.replace("admin: [Aitm.Admin]", "owner: [Aitm.Admin]"), "oidc.roles.owner: unknown role");
        cases.put(GOOD.replace("admin: [Aitm.Admin]", "admin: []"), "oidc.roles.admin: a list of app role values or group ids");
        cases.put(GOOD + "scope: openid\n", "oidc.scope: unknown key");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> parse(c.getKey(), Map.of())).as(c.getValue()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("serve.yaml: " + c.getValue().substring(0, c.getValue().indexOf(':') + 1))
                    .hasMessageContaining(c.getValue()).message().doesNotContain("hunter2");
        }
    }

    private Optional<OidcSettings> parse(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("oidc-secret.txt"), "s3cret");
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return OidcSettings.parse(node, dir, "serve.yaml", env::get);
    }
}
